using System.Globalization;
using System.Text;

namespace WeComGuard.Core.DirectoryMirror;

/// <summary>Partition keys of the directory tables and a reversible escape of WeCom ids into valid row keys.</summary>
public static class DirectoryKeys
{
    public const string MemberPartition = "member";
    public const string DepartmentPartition = "department";
    public const string GroupChatPartition = "groupchat";
    public const string SyncRunPartition = "run";

    /// <summary>Escapes the characters Azure Tables forbids in keys (<c>/ \ # ?</c>, control characters) and <c>%</c> as <c>%XX</c>.</summary>
    public static string RowKey(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string RowKey(int id) => id.ToString(CultureInfo.InvariantCulture);
}
