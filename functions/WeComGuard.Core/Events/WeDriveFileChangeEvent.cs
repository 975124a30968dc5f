namespace WeComGuard.Core.Events;

/// <summary><c>wedrive_file_change</c> (create_file, rename_file, update_file, delete_file, move_file) for files the app uploaded.</summary>
public sealed class WeDriveFileChangeEvent(
    IReadOnlyDictionary<string, string> fields,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    : WeComEvent(fields, lists)
{
    /// <summary>The changed files: one or more <c>FileId</c> elements (or a <c>FileIdList</c>).</summary>
    public IReadOnlyList<string> FileIds
    {
        get
        {
            var ids = new List<string>();
            if (Field("FileId") is { Length: > 0 } single)
            {
                ids.Add(single);
            }

            ids.AddRange(ListItems("FileId"));
            ids.AddRange(ListItems("FileIdList"));
            return ids.Distinct(StringComparer.Ordinal).ToArray();
        }
    }
}
