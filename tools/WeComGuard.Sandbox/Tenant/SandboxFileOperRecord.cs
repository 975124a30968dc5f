namespace WeComGuard.Sandbox.Tenant;

/// <summary>A file operation record (security/get_file_oper_record).</summary>
public sealed class SandboxFileOperRecord
{
    public long Time { get; set; }

    public string UserId { get; set; } = string.Empty;

    public int OperationType { get; set; }

    public int OperationSource { get; set; }

    public string FileInfo { get; set; } = string.Empty;

    public long FileSize { get; set; }

    public string FileMd5 { get; set; } = string.Empty;

    public int DeviceType { get; set; } = 2;

    public string DeviceCode { get; set; } = string.Empty;

    /// <summary>The media id under which the file can be downloaded from the sandbox (not a WeCom field).</summary>
    public string? MediaId { get; set; }
}
