using System.Text.Json.Nodes;
using Azure.Data.Tables;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Audits;

[Trait("Needs", "Azurite")]
public sealed class FindingStoreTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);

    private static Finding Unnamed(string chatId) => AuditRuleCatalog.GroupUnnamed.CreateFinding(chatId, new JsonObject { ["name"] = "群聊" });

    private TableClient Table => storage.Clients.Table(StorageNames.FindingsTable);

    private async Task<TableEntity> RowAsync(string rule, string subject) =>
        (await Table.GetEntityAsync<TableEntity>(rule, TableKeyEncoding.Encode(subject))).Value;

    [Fact]
    public async Task A_finding_is_new_then_still_open_then_resolved_by_a_complete_run_that_no_longer_sees_it()
    {
        var store = new FindingStore(storage.Clients);
        string[] rules = [AuditRuleCatalog.GroupUnnamed.Id];

        var first = await store.RecordAsync("run1", [Unnamed("lc-a"), Unnamed("lc-b")], rules, Day1, CancellationToken.None);
        Assert.Equal(2, first.New.Count);
        Assert.Empty(first.Resolved);
        var row = await RowAsync("group.unnamed", "lc-a");
        Assert.Equal(("open", "low", "§4.2.1", "run1"), (row.GetString("Status"), row.GetString("Severity"), row.GetString("Handbook"), row.GetString("LastRunId")));
        Assert.Equal("客户群未命名 (Customer group has no proper name)", row.GetString("Title"));
        Assert.Equal("群聊", JsonNode.Parse(row.GetString("Details"))!["name"]!.GetValue<string>());
        Assert.Equal(Day1, row.GetDateTimeOffset("FirstSeen"));

        var second = await store.RecordAsync("run2", [Unnamed("lc-a")], rules, Day1.AddDays(1), CancellationToken.None);
        Assert.Empty(second.New);
        Assert.Equal(["lc-a"], second.StillOpen.Select(finding => finding.Subject));
        Assert.Equal(["lc-b"], second.Resolved.Select(finding => finding.Subject));
        row = await RowAsync("group.unnamed", "lc-a");
        Assert.Equal((Day1, Day1.AddDays(1), "run2"), (row.GetDateTimeOffset("FirstSeen"), row.GetDateTimeOffset("LastSeen"), row.GetString("LastRunId")));
        var resolved = await RowAsync("group.unnamed", "lc-b");
        Assert.Equal(("resolved", Day1.AddDays(1), "run1"), (resolved.GetString("Status"), resolved.GetDateTimeOffset("ResolvedAt"), resolved.GetString("LastRunId")));

        // Seen again later: it reopens as a new finding.
        var third = await store.RecordAsync("run3", [Unnamed("lc-a"), Unnamed("lc-b")], rules, Day1.AddDays(2), CancellationToken.None);
        Assert.Equal(["lc-b"], third.New.Select(finding => finding.Subject));
        var reopened = await RowAsync("group.unnamed", "lc-b");
        Assert.Equal(("open", Day1.AddDays(2)), (reopened.GetString("Status"), reopened.GetDateTimeOffset("FirstSeen")));
        Assert.Null(reopened.GetDateTimeOffset("ResolvedAt"));
    }

    [Fact]
    public async Task A_failed_or_partial_run_resolves_nothing()
    {
        var store = new FindingStore(storage.Clients);
        var finding = AuditRuleCatalog.MissingPosition.CreateFinding("fp-user", []);
        await store.RecordAsync("run1", [finding], [finding.Rule], Day1, CancellationToken.None);

        var partial = await store.RecordAsync("run2", [], [], Day1.AddDays(1), CancellationToken.None);

        Assert.Empty(partial.Resolved);
        Assert.Equal("open", (await RowAsync(finding.Rule, "fp-user")).GetString("Status"));
    }

    [Fact]
    public async Task Resolving_one_rule_leaves_other_rules_and_the_scanners_rows_alone()
    {
        var store = new FindingStore(storage.Clients);
        await Table.UpsertEntityAsync(new TableEntity("file.sensitive-content", "ab12") { ["Status"] = "open", ["Subject"] = "ab12" });
        var avatar = AuditRuleCatalog.MissingAvatar.CreateFinding("ra-user", []);
        await store.RecordAsync("run1", [avatar], [avatar.Rule], Day1, CancellationToken.None);

        var update = await store.RecordAsync("run2", [], [AuditRuleCatalog.NameMismatch.Id], Day1.AddDays(1), CancellationToken.None);

        Assert.Empty(update.Resolved);
        Assert.Equal("open", (await RowAsync(avatar.Rule, "ra-user")).GetString("Status"));
        Assert.Equal("open", (await RowAsync("file.sensitive-content", "ab12")).GetString("Status"));
    }

    [Fact]
    public async Task Subjects_with_characters_keys_cannot_hold_are_stored_reversibly()
    {
        var store = new FindingStore(storage.Clients);
        const string subject = "external:a/b\\c#d?e%f\tg|0123456789abcdef0123456789abcdef";
        var finding = AuditRuleCatalog.FileSensitiveSharedExternally.CreateFinding(subject, []);

        await store.RecordAsync("run1", [finding], [], Day1, CancellationToken.None);

        var row = await RowAsync(finding.Rule, subject);
        Assert.Equal(subject, row.GetString("Subject"));
        Assert.Equal(subject, TableKeyEncoding.Decode(row.RowKey));
        Assert.DoesNotContain(row.RowKey, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Fact]
    public async Task More_findings_than_one_batch_are_all_recorded_and_resolved()
    {
        var store = new FindingStore(storage.Clients);
        var findings = Enumerable.Range(0, 250).Select(i => AuditRuleCatalog.GroupOverlap.CreateFinding($"wr{i:D3}|wr{i + 1000:D4}", [])).ToList();

        var first = await store.RecordAsync("run1", findings, [AuditRuleCatalog.GroupOverlap.Id], Day1, CancellationToken.None);
        var second = await store.RecordAsync("run2", findings.Take(10).ToList(), [AuditRuleCatalog.GroupOverlap.Id], Day1.AddDays(1), CancellationToken.None);

        Assert.Equal(250, first.New.Count);
        Assert.Equal(240, second.Resolved.Count);
        Assert.Equal(10, (await store.GetAsync(AuditRuleCatalog.GroupOverlap.Id, CancellationToken.None)).Count(row => row.GetString("Status") == "open"));
    }

    [Fact]
    public async Task Large_details_are_stored_in_several_batches_and_oversized_details_are_truncated()
    {
        var store = new FindingStore(storage.Clients);
        var members = new JsonArray([.. Enumerable.Range(0, 1200).Select(i => (JsonNode)$"成员{i:D5}")]);
        var findings = Enumerable.Range(0, 120)
            .Select(i => AuditRuleCatalog.GroupDepartedMembers.CreateFinding($"big{i:D3}", new JsonObject { ["members"] = members.DeepClone() }))
            .Append(AuditRuleCatalog.GroupDepartedMembers.CreateFinding("huge", new JsonObject { ["notes"] = new string('长', 40_000) }))
            .ToList();

        var update = await store.RecordAsync("run1", findings, [], Day1, CancellationToken.None);

        Assert.Equal(121, update.New.Count);
        Assert.Equal(1200, JsonNode.Parse((await RowAsync("group.departed-members", "big119")).GetString("Details"))!["members"]!.AsArray().Count);
        Assert.True(JsonNode.Parse((await RowAsync("group.departed-members", "huge")).GetString("Details"))!["truncated"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("plain-userid")]
    [InlineData("张三|abc")]
    [InlineData("a/b\\c#d?e%25\u0001\u007f")]
    public void TableKeyEncoding_round_trips(string value)
    {
        var key = TableKeyEncoding.Encode(value);

        Assert.Equal(value, TableKeyEncoding.Decode(key));
        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }
}
