using System.Text.Encodings.Web;
using System.Text.Json;

namespace WeComGuard.Core.Reports;

/// <summary>JSON settings for findings and reports: camelCase, and Chinese written as-is (not \u escapes) so files stay readable.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };
}
