namespace WeComGuard.Sandbox.Tenant;

/// <summary>A temporary media file. Without <see cref="ContentBase64"/> its bytes follow a deterministic pattern of <see cref="Size"/> bytes.</summary>
public sealed class SandboxMedia
{
    public string MediaId { get; set; } = string.Empty;

    public string FileName { get; set; } = "file.bin";

    public string ContentType { get; set; } = "application/octet-stream";

    public string? ContentBase64 { get; set; }

    public long Size { get; set; }

    public long Length => ContentBase64 is null ? Size : Convert.FromBase64String(ContentBase64).LongLength;

    /// <summary>The byte at <paramref name="position"/> of a patterned file.</summary>
    public static byte PatternByte(long position) => (byte)((position * 31 + (position >> 11)) & 0xFF);

    public byte[] ReadRange(long offset, int count)
    {
        if (ContentBase64 is not null)
        {
            return Convert.FromBase64String(ContentBase64).AsSpan((int)offset, count).ToArray();
        }

        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = PatternByte(offset + i);
        }

        return bytes;
    }
}
