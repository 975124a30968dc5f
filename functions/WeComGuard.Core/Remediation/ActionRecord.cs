namespace WeComGuard.Core.Remediation;

/// <summary>One approved (or refused) action: who asked for what, what was sent to WeCom and what WeCom answered.</summary>
public sealed class ActionRecord
{
    public required string ActionId { get; init; }

    public required string Rule { get; init; }

    public required string Subject { get; init; }

    public required string Action { get; init; }

    public required string Approver { get; init; }

    /// <summary><c>card</c> (a security team card in WeCom) or <c>cli</c>.</summary>
    public required string Source { get; init; }

    public string? TaskId { get; init; }

    public string? EventRecordId { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string Status { get; set; } = ActionStatus.Running;

    /// <summary>JSON: the WeCom request(s) made (or that would have been made in a dry run).</summary>
    public string Request { get; set; } = "{}";

    /// <summary>JSON: WeCom's answer(s), or why nothing was sent.</summary>
    public string Response { get; set; } = "{}";

    /// <summary>One line in Chinese for the card and the CLI.</summary>
    public string Summary { get; set; } = string.Empty;

    /// <summary>The write-once log blob in <c>audit-reports</c>, once written.</summary>
    public string? LogBlob { get; set; }
}
