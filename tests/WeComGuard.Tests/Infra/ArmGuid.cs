using System.Security.Cryptography;
using System.Text;

namespace WeComGuard.Tests.Infra;

/// <summary>
/// ARM's <c>guid(...)</c> template function: a name-based (SHA-1, version 5) UUID of the arguments joined with '-',
/// in ARM's namespace. Lets the tests check role assignment names that <c>bicep snapshot</c> evaluated.
/// </summary>
public static class ArmGuid
{
    private static readonly Guid Namespace = new("11fb06fb-712d-4ddd-98c7-e71bbd588830");

    public static Guid Create(params string[] parts)
    {
        var namespaceBytes = Namespace.ToByteArray();
        SwapByteOrder(namespaceBytes);
        var data = namespaceBytes.Concat(Encoding.UTF8.GetBytes(string.Join("-", parts))).ToArray();
#pragma warning disable CA5350 // SHA-1 is what the UUID v5 algorithm (and so ARM) uses; this is not a security use.
        var hash = SHA1.HashData(data);
#pragma warning restore CA5350
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        SwapByteOrder(bytes);
        return new Guid(bytes);
    }

    private static void SwapByteOrder(byte[] guid)
    {
        (guid[0], guid[3]) = (guid[3], guid[0]);
        (guid[1], guid[2]) = (guid[2], guid[1]);
        (guid[4], guid[5]) = (guid[5], guid[4]);
        (guid[6], guid[7]) = (guid[7], guid[6]);
    }
}
