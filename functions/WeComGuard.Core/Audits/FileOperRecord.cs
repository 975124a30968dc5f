namespace WeComGuard.Core.Audits;

/// <summary>
/// A file operation record (security/get_file_oper_record): done by a member (<see cref="UserId"/>) or by an external
/// user (<see cref="ExternalUser"/>). <see cref="FileMd5"/> is lowercase hex.
/// </summary>
public sealed record FileOperRecord(
    DateTimeOffset Time,
    string? UserId,
    FileOperExternalUser? ExternalUser,
    int OperationType,
    string FileMd5,
    string? FileName)
{
    public const int DownloadViaLink = 113;
    public const int GetShareLink = 114;
    public const int ForwardToWeChat = 134;
    public const int ShareByMail = 140;

    /// <summary>True for operations that put the file outside the corp: 134, 113, 114, 140, or anything an external user did.</summary>
    public bool LeavesTheCorp =>
        ExternalUser is not null || OperationType is ForwardToWeChat or DownloadViaLink or GetShareLink or ShareByMail;
}
