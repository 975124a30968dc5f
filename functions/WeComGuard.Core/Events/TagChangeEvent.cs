namespace WeComGuard.Core.Events;

/// <summary><c>change_contact</c> with <c>update_tag</c>. Ordering is not guaranteed and <c>DelPartyItems</c> may be missing: re-read the tag.</summary>
public sealed class TagChangeEvent(
    IReadOnlyDictionary<string, string> fields,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    : WeComEvent(fields, lists)
{
    public string TagId => Field("TagId") ?? string.Empty;

    public IReadOnlyList<string> AddedUsers => CsvField("AddUserItems");

    public IReadOnlyList<string> RemovedUsers => CsvField("DelUserItems");

    public IReadOnlyList<string> AddedDepartments => CsvField("AddPartyItems");

    public IReadOnlyList<string> RemovedDepartments => CsvField("DelPartyItems");
}
