namespace WeComGuard.Core.Remediation;

/// <summary>
/// An approved request to act on a finding. <see cref="Days"/> and <see cref="Reason"/> are for waivers (a card's
/// waiver lasts <c>Remediation__WaiverDays</c>). <see cref="ActionId"/> is <c>task-{TaskId}</c> for a card click.
/// </summary>
public sealed record ActionRequest(
    string ActionId, string Rule, string Subject, string Action, string Approver, string Source,
    int? Days = null, string? Reason = null, string? TaskId = null, string? EventRecordId = null);
