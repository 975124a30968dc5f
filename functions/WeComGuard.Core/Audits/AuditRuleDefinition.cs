using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits;

/// <summary>A rule's contract: id, severity, the handbook clause it enforces and its title in Chinese and English.</summary>
public sealed record AuditRuleDefinition(string Id, FindingSeverity Severity, string Handbook, string TitleChinese, string TitleEnglish)
{
    /// <summary>The title as stored and reported: Chinese first, English in parentheses.</summary>
    public string Title => $"{TitleChinese} ({TitleEnglish})";

    public Finding CreateFinding(string subject, JsonObject details, string? department = null) =>
        new(Id, subject, Severity, Handbook, Title, details, department);
}
