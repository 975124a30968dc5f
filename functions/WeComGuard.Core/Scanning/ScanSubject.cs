namespace WeComGuard.Core.Scanning;

/// <summary>Where a scanned file came from: a blob (with the exporter's optional metadata sender, chatid, msgtime) or a local path.</summary>
public sealed record ScanSubject(string? Container, string Name, IReadOnlyDictionary<string, string>? Metadata = null)
{
    public string Display => Container is null ? Name : Container + "/" + Name;
}
