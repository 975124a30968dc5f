namespace WeComGuard.Core.Scanning;

/// <summary>A valid OOXML package: its kind, the main part named by _rels/.rels, and its content types.</summary>
internal sealed record OfficePackage(FileKind Kind, string MainPart, OfficeContentTypes ContentTypes);
