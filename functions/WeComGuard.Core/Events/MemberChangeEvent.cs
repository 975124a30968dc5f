namespace WeComGuard.Core.Events;

/// <summary>
/// <c>change_contact</c> with <c>create_user</c>, <c>update_user</c> or <c>delete_user</c>. Since 2022 callbacks to
/// the contact-sync assistant may carry only <c>UserID</c>: treat the event as "re-read this member".
/// </summary>
public sealed class MemberChangeEvent(
    IReadOnlyDictionary<string, string> fields,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    : WeComEvent(fields, lists)
{
    public string UserId => Field("UserID") ?? string.Empty;

    /// <summary>Present on <c>update_user</c> only when the userid changed.</summary>
    public string? NewUserId => Field("NewUserID");

    public string? Name => Field("Name");

    public IReadOnlyList<string> Departments => CsvField("Department");

    public string? MainDepartment => Field("MainDepartment");

    public IReadOnlyList<string> IsLeaderInDepartment => CsvField("IsLeaderInDept");

    public IReadOnlyList<string> DirectLeaders => CsvField("DirectLeader");

    public string? Position => Field("Position");

    public string? Mobile => Field("Mobile");

    public string? Gender => Field("Gender");

    public string? Email => Field("Email");

    public string? BizMail => Field("BizMail");

    /// <summary>1 activated, 2 disabled, 4 not activated, 5 exited.</summary>
    public string? Status => Field("Status");

    public string? Avatar => Field("Avatar");

    public string? Alias => Field("Alias");

    public string? Telephone => Field("Telephone");

    public string? Address => Field("Address");

    /// <summary>Extended attributes (<c>ExtAttr/Item</c>): Name, Type, and Text.Value or Web.Title/Web.Url.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> ExtendedAttributes =>
        Lists.TryGetValue("ExtAttr", out var items) ? items : [];

    public bool IsDeletion => ChangeType == "delete_user";
}
