using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Core.Audits;

/// <summary>
/// The notice inspector's verdict on a group notice, computed when the group was mirrored: <see cref="Detection"/> is
/// what it found (null: nothing). <see cref="Inspected"/> is false when the group was mirrored without an inspector, so
/// group.notice-sensitive cannot be evaluated for it.
/// </summary>
public sealed record GroupNoticeVerdict(bool Inspected, NoticeDetection? Detection)
{
    public static GroupNoticeVerdict NotInspected { get; } = new(false, null);

    public static GroupNoticeVerdict Clean { get; } = new(true, null);
}
