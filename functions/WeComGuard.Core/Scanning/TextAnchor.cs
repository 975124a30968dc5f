namespace WeComGuard.Core.Scanning;

/// <summary>Where a stretch of extracted text came from: from <paramref name="Offset"/> on, the text is at <paramref name="Label"/> (a cell, slide or page).</summary>
public readonly record struct TextAnchor(int Offset, string Label);
