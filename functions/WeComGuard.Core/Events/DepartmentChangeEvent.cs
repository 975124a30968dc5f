namespace WeComGuard.Core.Events;

/// <summary><c>change_contact</c> with <c>create_party</c>, <c>update_party</c> or <c>delete_party</c>.</summary>
public sealed class DepartmentChangeEvent(
    IReadOnlyDictionary<string, string> fields,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    : WeComEvent(fields, lists)
{
    public string DepartmentId => Field("Id") ?? string.Empty;

    public string? Name => Field("Name");

    public string? ParentId => Field("ParentId");

    public string? Order => Field("Order");

    public bool IsDeletion => ChangeType == "delete_party";
}
