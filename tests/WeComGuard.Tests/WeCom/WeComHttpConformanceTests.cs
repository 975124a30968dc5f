using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Tests.WeCom;

/// <summary>
/// WeCom Guard's client against servers it did not write: a raw-socket HTTP/1.1 server that sees requests byte for byte
/// and answers the way proxies and gateways in front of WeCom do, and the sandbox reading bodies as a PHP or Python
/// gateway would.
/// </summary>
public sealed class WeComHttpConformanceTests
{
    private const string Token = "tok-raw-0123456789abcdef";

    // A guard against a hang on a build that gets this wrong; the assertions are about the answer, not the time.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private static readonly string[] PostApis =
    [
        "user/list_id", "externalcontact/groupchat/list", "externalcontact/groupchat/get", "externalcontact/get_unassigned_list",
        "security/member_oper_log/list", "security/get_file_oper_record", "message/send",
    ];

    private static RawHttpReply OkFor(RawHttpRequest request) => request.Api switch
    {
        "externalcontact/groupchat/get" => RawHttpReply.Json("""{"errcode":0,"errmsg":"ok","group_chat":{"chat_id":"wr1","name":"n","owner":"o","create_time":1,"member_list":[],"admin_list":[]}}"""),
        "externalcontact/get_unassigned_list" => RawHttpReply.Json("""{"errcode":0,"errmsg":"ok","info":[],"is_last":true,"next_cursor":""}"""),
        "message/send" => RawHttpReply.Json("""{"errcode":0,"errmsg":"ok","invaliduser":"","msgid":"m1"}"""),
        "user/list_id" => RawHttpReply.Json("""{"errcode":0,"errmsg":"ok","next_cursor":"","dept_user":[]}"""),
        "externalcontact/groupchat/list" => RawHttpReply.Json("""{"errcode":0,"errmsg":"ok","group_chat_list":[],"next_cursor":""}"""),
        _ => RawHttpReply.Json("""{"errcode":0,"errmsg":"ok","has_more":false,"next_cursor":"","record_list":[]}"""),
    };

    [Fact]
    public async Task Every_post_to_wecom_carries_content_length_and_no_chunked_body()
    {
        await using var server = RawHttpServer.WithToken(Token, OkFor);
        await using var services = WeComClientHost.BuildServices(server.BaseUrl).Services;
        var client = services.GetRequiredService<WeComApiClient>();
        var now = DateTimeOffset.UtcNow;

        await client.ListUserIdsAsync().ToListAsync();
        await client.ListGroupChatsAsync().ToListAsync();
        await client.GetGroupChatAsync("wr1");
        await client.ListUnassignedCustomersAsync().ToListAsync();
        await client.ListMemberOperLogsAsync(now.AddDays(-1), now).ToListAsync();
        await client.ListFileOperRecordsAsync(now.AddDays(-1), now).ToListAsync();
        await services.GetRequiredService<ISecurityTeamNotifier>().SendMarkdownAsync(["lisi"], "# 审计 audit", CancellationToken.None);

        var posts = server.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(PostApis.Order(StringComparer.Ordinal), posts.Select(r => r.Api).Distinct().Order(StringComparer.Ordinal));
        Assert.All(posts, post =>
        {
            Assert.Null(post.Header("Transfer-Encoding"));
            Assert.Equal(post.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), post.Header("Content-Length"));
            Assert.StartsWith("application/json", post.Header("Content-Type"), StringComparison.Ordinal);
            Assert.IsType<JsonObject>(JsonNode.Parse(post.Body));
        });
        Assert.Equal("# 审计 audit", JsonNode.Parse(posts.Single(p => p.Api == "message/send").Body)!["markdown"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sandbox_reads_a_chunked_post_as_empty_and_answers_44002_as_gateways_do()
    {
        await using var host = await WeComClientHost.StartAsync();
        var token = await host.Services.GetRequiredService<WeComAccessTokenCache>().GetTokenAsync(WeComCredential.Contacts, CancellationToken.None);
        using var http = new HttpClient();
        var url = new Uri(host.Sandbox.BaseUrl, $"/cgi-bin/user/list_id?access_token={token}");

        using var chunked = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("""{"limit":10}""") };
        chunked.Headers.TransferEncodingChunked = true;
        using var refused = await http.SendAsync(chunked);
        using var counted = await http.PostAsync(url, new StringContent("""{"limit":10}"""));

        Assert.Equal(WeComErrorCodes.EmptyPostData, JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errcode"]!.GetValue<int>());
        Assert.Equal(WeComErrorCodes.Ok, JsonNode.Parse(await counted.Content.ReadAsStringAsync())!["errcode"]!.GetValue<int>());
    }
}
