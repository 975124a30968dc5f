namespace WeComGuard.Core.Reports;

/// <summary>One rendered report file: its name inside the run's folder, content type and bytes.</summary>
public sealed record ReportFile(string Name, string ContentType, ReadOnlyMemory<byte> Content);
