using System.Text.Json.Nodes;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Remediation;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Tests.Remediation;

/// <summary>
/// 离职继承 of a departed owner's customer groups through externalcontact/groupchat/transfer: 100 chats a call, at most
/// 300 a day per owner (WeCom Guard counts what it transferred; WeCom refuses what goes over), refusals reported per chat.
/// </summary>
[Trait("Needs", "Azurite")]
public sealed class TransferTests
{
    private const int Chats = 350;

    [Fact]
    public async Task A_transfer_over_the_daily_limit_sends_300_in_three_calls_and_defers_the_rest()
    {
        await using var loop = await StartAsync();
        var (owner, successor) = await PlantFindingsAsync(loop);

        var (first, _) = await Act(loop, "cli-transfer-1");
        var (second, _) = await Act(loop, "cli-transfer-2");

        Assert.Equal(ActionStatus.Partial, first.Status);
        var answer = JsonNode.Parse(first.Response)!;
        Assert.Equal(300, (int)answer["transferred"]!);
        Assert.Equal(50, (int)answer["deferred"]!);
        Assert.Empty(answer["failed_chat_list"]!.AsArray());
        Assert.Equal(3, JsonNode.Parse(first.Request)!["calls"]!.AsArray().Count);
        Assert.All(JsonNode.Parse(first.Request)!["calls"]!.AsArray(), call => Assert.Equal(100, call!["chat_id_list"]!.AsArray().Count));
        Assert.Equal(300, loop.Sandbox.State.Read(t => t.GroupChats.Count(c => c.Owner == successor && c.ChatId.StartsWith("wrTransfer", StringComparison.Ordinal))));
        Assert.Equal(3, loop.Sandbox.State.CallCount("externalcontact/groupchat/transfer"));

        // The same day again: nothing is sent; everything waits for tomorrow.
        Assert.Equal(ActionStatus.Partial, second.Status);
        Assert.Equal(Chats, (int)JsonNode.Parse(second.Response)!["deferred"]!);
        Assert.Equal(3, loop.Sandbox.State.CallCount("externalcontact/groupchat/transfer"));
        Assert.Equal(owner, (string?)JsonNode.Parse(first.Request)!["owner"]);
    }

    [Fact]
    public async Task Chats_WeCom_refuses_over_its_limit_are_reported_per_chat()
    {
        await using var loop = await StartAsync();
        var (owner, _) = await PlantFindingsAsync(loop);
        loop.Sandbox.State.Cards.SetTransferredToday(owner, 250); // transferred in the admin console earlier today

        var (record, _) = await Act(loop, "cli-transfer-3");

        var answer = JsonNode.Parse(record.Response)!;
        Assert.Equal(ActionStatus.Partial, record.Status);
        Assert.Equal(50, (int)answer["transferred"]!);
        Assert.Equal(250, answer["failed_chat_list"]!.AsArray().Count);
        Assert.All(answer["failed_chat_list"]!.AsArray(), chat => Assert.Equal(Sandbox.SandboxApiCodes.TransferDailyLimit, (int)chat!["errcode"]!));
        Assert.Contains("失败 250", record.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_successor_who_cannot_take_over_is_refused_before_WeCom_is_called()
    {
        await using var loop = await StartAsync();
        var (_, successor) = await PlantFindingsAsync(loop);
        loop.Sandbox.State.Mutate(t => t.Members.Single(m => m.UserId == successor).Status = 4);

        var (record, _) = await Act(loop, "cli-transfer-4");

        Assert.Equal(ActionStatus.Refused, record.Status);
        Assert.Contains("activated", record.Response, StringComparison.Ordinal);
        Assert.Equal(0, loop.Sandbox.State.CallCount("externalcontact/groupchat/transfer"));
    }

    private static Task<LoopHarness> StartAsync() => LoopHarness.StartAsync(plant: tenant =>
    {
        var owner = tenant.Members[^1];
        owner.Status = 5;
        for (var i = 0; i < Chats; i++)
        {
            tenant.GroupChats.Add(new SandboxGroupChat { ChatId = $"wrTransfer{i:D4}", Name = $"客户群{i}", Owner = owner.UserId, Status = 1, CreateTime = 1_700_000_000 });
        }
    });

    private static async Task<(string Owner, string Successor)> PlantFindingsAsync(LoopHarness loop)
    {
        var owner = loop.Tenant.Members[^1];
        var findings = loop.Tenant.GroupChats.Where(c => c.Owner == owner.UserId && c.ChatId.StartsWith("wrTransfer", StringComparison.Ordinal))
            .Select(c => AuditRuleCatalog.GroupOwnerDeparted.CreateFinding(c.ChatId, new JsonObject { ["owner"] = owner.UserId, ["reason"] = "exited" }))
            .ToList();
        await loop.Get<FindingStore>().RecordAsync("test-run", findings, [], DateTimeOffset.UtcNow, CancellationToken.None);
        return (owner.UserId, owner.DirectLeader.Single());
    }

    private static Task<(ActionRecord Record, bool Acted)> Act(LoopHarness loop, string id) =>
        loop.Get<RemediationService>().ExecuteAsync(
            new ActionRequest(id, AuditRuleCatalog.GroupOwnerDeparted.Id, "wrTransfer0000", RemediationActionNames.Transfer, loop.SecurityUser, "cli"),
            CancellationToken.None);
}
