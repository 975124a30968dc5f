using System.Globalization;

namespace WeComGuard.Core.Notifications;

/// <summary>
/// Who is nudged about findings and when (section <c>Notifications</c>): the IT admins, the days after which a finding
/// still open is escalated to the responsible person's direct leader, and the quiet hours (China time) in which no
/// nudge is sent.
/// </summary>
public sealed class NudgeOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Userids of the IT admins (<c>Notifications__ItUserIds</c>); empty = their findings go to the security team.</summary>
    public string ItUserIds { get; set; } = string.Empty;

    /// <summary>Days a finding may stay open before its nudge is also sent to the responsible person's direct leader (<c>Notifications__EscalationDays</c>).</summary>
    public int EscalationDays { get; set; } = 3;

    /// <summary><c>HH:mm-HH:mm</c> in China time, the end exclusive (<c>Notifications__QuietHours</c>, default 21:00-08:00); empty = none.</summary>
    public string QuietHours { get; set; } = "21:00-08:00";

    /// <summary>Attempts per message when WeCom refuses it (errcode), before it is recorded failed. Not a setting.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Pause between attempts. Not a setting (tests shorten it).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> ItUserIdList => Split(ItUserIds);

    /// <summary>True when <paramref name="chinaTime"/> falls in the quiet hours.</summary>
    public bool IsQuiet(TimeOnly chinaTime)
    {
        if (!TryParseQuietHours(QuietHours, out var start, out var end) || start == end)
        {
            return false;
        }

        return start < end ? chinaTime >= start && chinaTime < end : chinaTime >= start || chinaTime < end;
    }

    internal static bool TryParseQuietHours(string? text, out TimeOnly start, out TimeOnly end)
    {
        start = end = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out start)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out end);
    }

    internal static IReadOnlyList<string> Split(string? value) =>
        (value ?? string.Empty).Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
}
