namespace WeComGuard.Core.Scanning;

/// <summary>
/// Text extracted from a file. Without anchors, locations are line numbers; with anchors (cells, slides, pages) a
/// location is the label of the last anchor at or before the match.
/// </summary>
public sealed class ExtractedText
{
    public ExtractedText(string text, IReadOnlyList<TextAnchor>? anchors = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Anchors = anchors ?? [];
    }

    public string Text { get; }

    public IReadOnlyList<TextAnchor> Anchors { get; }
}
