namespace WeComGuard.Core.Scanning;

/// <summary>What the scanner may leave unread in an OOXML package: the content types it parsed, and binary format parts and images.</summary>
internal static class OfficeParts
{
    // Parts that describe the document's form (styles, themes, settings, fonts, printer setup), not its content.
    private static readonly HashSet<string> FormatContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/vnd.openxmlformats-package.relationships+xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
        "application/vnd.openxmlformats-officedocument.themeOverride+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
        "application/vnd.ms-word.stylesWithEffects+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings",
        "application/vnd.openxmlformats-officedocument.presentationml.printerSettings",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings",
        "application/vnd.openxmlformats-officedocument.presentationml.presProps+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml",
        "application/vnd.openxmlformats-officedocument.obfuscatedFont",
        "application/x-fontdata",
        "application/x-font-ttf",
    };

    public static bool IsContentTypesPart(string name) => name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase);

    public static bool IsFormatPart(string name, string? contentType) =>
        name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
        || (contentType is not null && (FormatContentTypes.Contains(contentType) || contentType.StartsWith("font/", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// An image, font or other binary part whose bytes are not text, a zip or a PDF: not scanned (no OCR), as an image
    /// file is not. Anything that only calls itself an image or a format part is scanned as what it is.
    /// </summary>
    public static bool IsOpaqueData(byte[] bytes, string name) =>
        FileKindDetector.Detect(bytes, name) is not (FileKind.Text or FileKind.Zip or FileKind.Pdf);
}
