namespace WeComGuard.Core.Events;

/// <summary><c>change_external_contact</c>: a member added, edited or deleted a customer, or a handover failed.</summary>
public sealed class ExternalContactChangeEvent(
    IReadOnlyDictionary<string, string> fields,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    : WeComEvent(fields, lists)
{
    public string? UserId => Field("UserID");

    public string? ExternalUserId => Field("ExternalUserID");

    public string? State => Field("State");

    /// <summary>On <c>del_external_contact</c>, e.g. <c>DELETE_BY_TRANSFER</c>.</summary>
    public string? Source => Field("Source");

    /// <summary>On <c>transfer_fail</c>: <c>customer_refused</c> or <c>customer_limit_exceed</c>.</summary>
    public string? FailReason => Field("FailReason");
}
