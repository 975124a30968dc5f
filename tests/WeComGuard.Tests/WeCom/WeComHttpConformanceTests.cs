using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Notifications;
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

/// <summary>Every answer shape a proxy or a broken server can give ends as a typed error naming the API, never a hang.</summary>
public sealed class WeComAnswerShapeTests
{
    private const string Token = "tok-shape-0123456789abcdef";
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    public static TheoryData<string, WeComResponseProblem> Shapes => new()
    {
        { "no-errcode", WeComResponseProblem.NoErrorCode },
        { "html-200", WeComResponseProblem.Html },
        { "html-502", WeComResponseProblem.HttpError },
        { "truncated-json", WeComResponseProblem.InvalidJson },
        { "cut-off-connection", WeComResponseProblem.Transport },
        { "empty", WeComResponseProblem.Empty },
        { "slow-body", WeComResponseProblem.Timeout },
        { "text", WeComResponseProblem.NotJson },
    };

    private static RawHttpReply Shape(string shape) => shape switch
    {
        "no-errcode" => RawHttpReply.Json("""{"userlist":[]}"""),
        "html-200" => RawHttpReply.Status(200, "OK", "text/html; charset=utf-8", "<html><head><title>Gateway  Login</title></head><body>sign in</body></html>"),
        "html-502" => RawHttpReply.Status(502, "Bad Gateway", "text/html", "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"),
        "truncated-json" => RawHttpReply.Json("""{"errcode":0,"errmsg":"ok","userlist":[{"userid":"zhangsan","na"""),
        "cut-off-connection" => RawHttpReply.CutOff("""{"errcode":0,"errmsg":"ok","userl""", promisedLength: 400),
        "empty" => RawHttpReply.Json(string.Empty),
        "slow-body" => RawHttpReply.Stall("""{"errcode":0,""", promisedLength: 400),
        _ => RawHttpReply.Status(200, "OK", "text/plain", "service unavailable, try later"),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task An_answer_that_is_not_wecoms_is_a_typed_error_naming_the_api(string shape, WeComResponseProblem expected)
    {
        await using var server = RawHttpServer.WithToken(Token, _ => Shape(shape));
        await using var services = WeComClientHost.BuildServices(server.BaseUrl, client: o =>
        {
            o.MaxRetries = 1;
            o.AttemptTimeout = TimeSpan.FromSeconds(2);
        }).Services;

        var error = await Assert.ThrowsAsync<WeComUnexpectedResponseException>(
            () => services.GetRequiredService<WeComApiClient>().ListMembersAsync(1).WaitAsync(HangGuard));

        Assert.Equal(expected, error.Problem);
        Assert.Equal("user/list", error.ApiPath);
        Assert.Contains("user/list", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("zhangsan", error.Message, StringComparison.Ordinal);
        if (shape.StartsWith("html", StringComparison.Ordinal))
        {
            Assert.Contains(shape == "html-200" ? "\"Gateway Login\"" : "\"502 Bad Gateway\"", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_gettoken_answer_from_a_proxy_is_a_typed_error_too()
    {
        await using var server = new RawHttpServer(_ => RawHttpReply.Status(200, "OK", "text/html", "<html><title>Portal</title></html>"));
        await using var services = WeComClientHost.BuildServices(server.BaseUrl, client: o => o.MaxRetries = 0).Services;

        var error = await Assert.ThrowsAsync<WeComUnexpectedResponseException>(
            () => services.GetRequiredService<WeComApiClient>().ListDepartmentIdsAsync().WaitAsync(HangGuard));

        Assert.Equal(("gettoken", WeComResponseProblem.Html), (error.ApiPath, error.Problem));
        Assert.DoesNotContain(WeComClientHost.ContactsSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_a_login_page_on_another_host_is_not_followed()
    {
        await using var login = new RawHttpServer(_ => RawHttpReply.Status(200, "OK", "text/html", "<html><title>Login</title></html>"));
        var location = new Uri(login.BaseUrl, "/sso/login?back=/cgi-bin/user/list&access_token=" + Token);
        await using var server = RawHttpServer.WithToken(Token, _ => RawHttpReply.Status(302, "Found", "text/html", string.Empty, "Location: " + location));
        await using var services = WeComClientHost.BuildServices(server.BaseUrl).Services;

        var error = await Assert.ThrowsAsync<WeComUnexpectedResponseException>(
            () => services.GetRequiredService<WeComApiClient>().ListMembersAsync(1).WaitAsync(HangGuard));

        Assert.Equal(WeComResponseProblem.Redirect, error.Problem);
        Assert.Equal(HttpStatusCode.Found, error.StatusCode);
        Assert.Contains(new Uri(login.BaseUrl, "/sso/login").ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("another host", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(login.Requests);
        Assert.Single(server.Requests, r => r.Api == "user/list");
    }

    [Fact]
    public async Task A_502_html_page_is_retried_before_it_is_reported()
    {
        await using var server = RawHttpServer.WithToken(Token, _ => Shape("html-502"));
        await using var services = WeComClientHost.BuildServices(server.BaseUrl, client: o => o.MaxRetries = 2).Services;

        var error = await Assert.ThrowsAsync<WeComUnexpectedResponseException>(
            () => services.GetRequiredService<WeComApiClient>().ListMembersAsync(1).WaitAsync(HangGuard));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal(3, server.Requests.Count(r => r.Api == "user/list"));
    }
}
