namespace WeComGuard.Core.Scanning;

/// <summary>An entity the second stage found: its service category (e.g. Person, Address), UTF-16 offset and length, and score 0-1.</summary>
public sealed record RecognizedEntity(string Category, int Offset, int Length, double ConfidenceScore);
