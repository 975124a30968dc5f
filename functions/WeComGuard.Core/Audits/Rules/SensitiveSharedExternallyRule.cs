using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// file.sensitive-shared-externally: a file operation of type 134, 113, 114 or 140, or by an external user, on a file
/// whose MD5 the scanner judged sensitive. Subject = <c>{userid}|{file_md5}</c>; for an external user the userid part
/// is <c>external:{corp or wechat}:{name}</c>.
/// </summary>
public static class SensitiveSharedExternallyRule
{
    public static AuditRuleDefinition Definition => AuditRuleCatalog.FileSensitiveSharedExternally;

    public static IReadOnlyList<Finding> Evaluate(IEnumerable<FileOperRecord> records, IReadOnlySet<string> sensitiveMd5s)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(sensitiveMd5s);
        return records
            .Where(record => record.LeavesTheCorp && sensitiveMd5s.Contains(record.FileMd5.ToLowerInvariant()))
            .GroupBy(record => $"{Actor(record)}|{record.FileMd5.ToLowerInvariant()}", StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                var operations = group.OrderBy(record => record.Time).ToList();
                var first = operations[0];
                return Definition.CreateFinding(group.Key, new JsonObject
                {
                    ["userid"] = first.UserId,
                    ["externalUser"] = first.ExternalUser is { } external
                        ? new JsonObject { ["type"] = external.Type, ["name"] = external.Name, ["corpName"] = external.CorpName }
                        : null,
                    ["fileMd5"] = first.FileMd5.ToLowerInvariant(),
                    ["fileName"] = operations.Select(record => record.FileName).LastOrDefault(name => !string.IsNullOrEmpty(name)),
                    ["count"] = operations.Count,
                    ["operations"] = new JsonArray([.. operations.Select(record => (JsonNode)new JsonObject
                    {
                        ["time"] = record.Time,
                        ["type"] = record.OperationType,
                    })]),
                });
            })
            .ToList();
    }

    private static string Actor(FileOperRecord record) =>
        record.UserId is { Length: > 0 } userId
            ? userId
            : $"external:{record.ExternalUser?.CorpName ?? "wechat"}:{record.ExternalUser?.Name ?? "unknown"}";
}
