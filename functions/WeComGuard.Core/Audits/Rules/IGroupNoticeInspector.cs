namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// Looks for sensitive data in a group notice. The file scanner implements it with the same detectors it runs on
/// files; when none is registered, group.notice-sensitive is not evaluated.
/// </summary>
public interface IGroupNoticeInspector
{
    /// <summary>The highest-confidence detection in <paramref name="notice"/>, or null when nothing was detected.</summary>
    Task<NoticeDetection?> InspectAsync(string notice, CancellationToken cancellationToken);
}
