using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.WeCom;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Tests.WeCom;

/// <summary>WeCom Guard's WeCom client against the sandbox over loopback HTTP.</summary>
public sealed class WeComApiClientTests
{
    [Fact]
    public async Task Concurrent_callers_share_one_token_fetch_and_reuse_the_token()
    {
        await using var host = await WeComClientHost.StartAsync();
        var userIds = host.State.Read(t => t.Members.Take(20).Select(m => m.UserId).ToList());

        var members = await Task.WhenAll(userIds.Select(id => host.Client.GetMemberAsync(id)));
        await host.Client.GetMemberAsync(userIds[0]);

        Assert.Equal(userIds, members.Select(m => m.UserId));
        Assert.Equal(1, host.State.TokensIssued);
    }

    [Fact]
    public async Task Each_secret_gets_its_own_token()
    {
        await using var host = await WeComClientHost.StartAsync();

        await host.Client.ListDepartmentIdsAsync();
        await host.Client.GetGroupChatAsync(host.State.Read(t => t.GroupChats[0].ChatId));
        await host.Client.GetAppChatAsync("appchat-ops");
        await host.Client.ListDepartmentIdsAsync();

        Assert.Equal(3, host.State.TokensIssued);
    }

    [Fact]
    public async Task Token_is_refreshed_ahead_of_expiry_without_a_refused_call()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WeComClientHost.StartAsync(sandbox: s => s.TokenLifetime = TimeSpan.FromSeconds(100), timeProvider: time);
        var userId = host.State.Read(t => t.Members[0].UserId);

        await host.Client.GetMemberAsync(userId);
        time.Advance(TimeSpan.FromSeconds(80));
        await host.Client.GetMemberAsync(userId);
        Assert.Equal(1, host.State.TokensIssued);

        time.Advance(TimeSpan.FromSeconds(15)); // 5 s before expiry: inside the refresh margin (a tenth of the lifetime).
        await host.Client.GetMemberAsync(userId);

        Assert.Equal(2, host.State.TokensIssued);
        Assert.Equal(0, host.State.AnsweredCount(42001));
    }

    [Theory]
    [InlineData(WeComErrorCodes.AccessTokenExpired)]
    [InlineData(WeComErrorCodes.InvalidAccessToken)]
    public async Task Refused_token_is_refetched_and_the_call_retried_once(int errcode)
    {
        await using var host = await WeComClientHost.StartAsync();
        var userId = host.State.Read(t => t.Members[0].UserId);
        await host.Client.GetMemberAsync(userId);

        if (errcode == WeComErrorCodes.AccessTokenExpired)
        {
            host.State.ExpireTokens();
        }
        else
        {
            host.State.InvalidateTokens();
        }

        var member = await host.Client.GetMemberAsync(userId);

        Assert.Equal(userId, member.UserId);
        Assert.Equal(2, host.State.TokensIssued);
        Assert.Equal(1, host.State.AnsweredCount(errcode));
        Assert.Equal(3, host.State.CallCount("user/get"));
    }

    [Fact]
    public async Task A_token_refused_twice_in_a_row_is_not_retried_forever()
    {
        await using var host = await WeComClientHost.StartAsync();
        host.State.Faults.FailNext("user/get", WeComErrorCodes.AccessTokenExpired, times: 5);

        var error = await Assert.ThrowsAsync<WeComApiException>(() => host.Client.GetMemberAsync(host.State.Read(t => t.Members[0].UserId)));

        Assert.Equal(WeComErrorCodes.AccessTokenExpired, error.ErrorCode);
        Assert.Equal(2, host.State.CallCount("user/get"));
    }

    [Theory]
    [InlineData(WeComErrorCodes.SystemBusy)]
    [InlineData(WeComErrorCodes.ApiFrequencyLimit)]
    [InlineData(WeComErrorCodes.ApiConcurrencyLimit)]
    public async Task Busy_errcodes_are_retried_with_backoff(int errcode)
    {
        await using var host = await WeComClientHost.StartAsync();
        var userId = host.State.Read(t => t.Members[0].UserId);
        host.State.Faults.FailNext("user/get", errcode, times: 2);

        var member = await host.Client.GetMemberAsync(userId);

        Assert.Equal(userId, member.UserId);
        Assert.Equal(3, host.State.CallCount("user/get"));
        Assert.Equal(2, host.State.AnsweredCount(errcode));
    }

    [Fact]
    public async Task Busy_errcode_that_persists_fails_after_the_configured_retries()
    {
        await using var host = await WeComClientHost.StartAsync(client: o => o.MaxRetries = 2);
        host.State.Faults.FailNext("user/get", WeComErrorCodes.SystemBusy, times: 10);

        var error = await Assert.ThrowsAsync<WeComApiException>(() => host.Client.GetMemberAsync(host.State.Read(t => t.Members[0].UserId)));

        Assert.Equal(-1, error.ErrorCode);
        Assert.Equal(3, host.State.CallCount("user/get"));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Http_server_errors_are_retried(int status)
    {
        await using var host = await WeComClientHost.StartAsync();
        host.State.Faults.FailNextWithStatus("externalcontact/groupchat/get", status, times: 2);
        var chatId = host.State.Read(t => t.GroupChats[3].ChatId);

        var chat = await host.Client.GetGroupChatAsync(chatId);

        Assert.Equal(chatId, chat.ChatId);
        Assert.Equal(3, host.State.CallCount("externalcontact/groupchat/get"));
    }

    [Fact]
    public async Task Slow_reply_times_out_and_is_retried()
    {
        await using var host = await WeComClientHost.StartAsync(client: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        host.State.Faults.SlowNext("department/get", TimeSpan.FromSeconds(5));

        var department = await host.Client.GetDepartmentAsync(1);

        Assert.Equal(1, department.Id);
        Assert.Equal(2, host.State.CallCount("department/get"));
    }

    [Theory]
    [InlineData(WeComErrorCodes.ApiForbidden)]
    [InlineData(WeComErrorCodes.OutsideVisibleRange)]
    [InlineData(WeComErrorCodes.IpNotTrusted)]
    public async Task Other_errcodes_throw_a_typed_exception_with_a_hint_and_are_not_retried(int errcode)
    {
        await using var host = await WeComClientHost.StartAsync();
        host.State.Faults.FailNext("user/get", errcode);

        var error = await Assert.ThrowsAsync<WeComApiException>(() => host.Client.GetMemberAsync(host.State.Read(t => t.Members[0].UserId)));

        Assert.Equal(errcode, error.ErrorCode);
        Assert.Equal("user/get", error.ApiPath);
        Assert.Contains("injected fault", error.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
        Assert.Contains(error.Hint, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.State.CallCount("user/get"));
    }

    [Fact]
    public async Task Unknown_member_is_60111()
    {
        await using var host = await WeComClientHost.StartAsync();

        var error = await Assert.ThrowsAsync<WeComApiException>(() => host.Client.GetMemberAsync("nobody-here"));

        Assert.Equal(WeComErrorCodes.MemberNotFound, error.ErrorCode);
        Assert.Null(error.Hint);
    }

    [Fact]
    public async Task Wrong_secret_fails_with_40001_and_a_hint_without_the_secret_in_the_message()
    {
        await using var host = await WeComClientHost.StartAsync(settings: new Dictionary<string, string?> { ["WeCom:ContactsSecret"] = "not-the-secret" });

        var error = await Assert.ThrowsAsync<WeComApiException>(() => host.Client.ListDepartmentIdsAsync());

        Assert.Equal(WeComErrorCodes.InvalidCredential, error.ErrorCode);
        Assert.Equal("gettoken", error.ApiPath);
        Assert.DoesNotContain("not-the-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_and_secrets_never_appear_in_logs()
    {
        await using var host = await WeComClientHost.StartAsync();
        var userId = host.State.Read(t => t.Members[0].UserId);
        host.State.Faults.FailNext("user/get", 45009);
        host.State.Faults.FailNextWithStatus("user/get", 503);
        await host.Client.GetMemberAsync(userId);
        host.State.ExpireTokens();
        await host.Client.GetMemberAsync(userId);

        var logs = string.Join('\n', host.Logs.Messages);
        Assert.NotEmpty(host.Logs.Messages);
        Assert.Contains("45009", logs, StringComparison.Ordinal);
        Assert.Equal(2, host.State.IssuedTokens.Count);
        foreach (var token in host.State.IssuedTokens)
        {
            Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(WeComClientHost.ContactsSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token", logs, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Departments_and_members_read_with_wecom_shapes()
    {
        await using var host = await WeComClientHost.StartAsync();
        var expected = host.State.Read(t => t.Departments.Select(d => d.Id).Order().ToList());

        var ids = await host.Client.ListDepartmentIdsAsync();
        var department = await host.Client.GetDepartmentAsync(2);
        var inDepartment = await host.Client.ListMembersAsync(2);
        var first = host.State.Read(t => t.Members[0]);
        var member = await host.Client.GetMemberAsync(first.UserId);

        Assert.Equal(expected, ids.Select(d => d.Id).Order());
        Assert.Equal(host.State.Read(t => t.Departments.Single(d => d.Id == 2).Name), department.Name);
        Assert.Equal(host.State.Read(t => t.Members.Where(m => m.Departments.Contains(2)).Select(m => m.UserId).Order().ToList()), inDepartment.Select(m => m.UserId).Order());
        Assert.Equal(first.Name, member.Name);
        Assert.Equal(first.Departments, member.Department);
        Assert.Equal(first.Status, member.Status);
        Assert.Equal(first.Mobile, member.Mobile);
    }

    [Fact]
    public async Task User_ids_are_paged_with_the_cursor()
    {
        await using var host = await WeComClientHost.StartAsync();
        var expected = host.State.Read(t => t.Members.SelectMany(m => m.Departments.Select(d => (m.UserId, d))).Order().ToList());

        var rows = new List<(string, int)>();
        await foreach (var row in host.Client.ListUserIdsAsync(pageSize: 7))
        {
            rows.Add((row.UserId, row.Department));
        }

        Assert.Equal(expected, rows.Order());
        Assert.Equal((expected.Count + 6) / 7, host.State.CallCount("user/list_id"));
    }

    [Fact]
    public async Task Group_chats_are_paged_and_filtered_by_status_and_owner()
    {
        await using var host = await WeComClientHost.StartAsync();
        var all = host.State.Read(t => t.GroupChats.Select(g => g.ChatId).ToList());
        var resigned = host.State.Read(t => t.GroupChats.Where(g => g.Status == 1).Select(g => g.ChatId).ToList());
        var owner = host.State.Read(t => t.GroupChats[5].Owner);
        var owned = host.State.Read(t => t.GroupChats.Where(g => g.Owner == owner).Select(g => g.ChatId).ToList());

        var listed = await host.Client.ListGroupChatsAsync(pageSize: 5).Select(g => g.ChatId).ToListAsync();
        var listedResigned = await host.Client.ListGroupChatsAsync(WeComGroupChatStatusFilter.OwnerResigned, pageSize: 5).Select(g => g.ChatId).ToListAsync();
        var listedOwned = await host.Client.ListGroupChatsAsync(ownerUserIds: [owner], pageSize: 5).Select(g => g.ChatId).ToListAsync();

        Assert.Equal(all, listed);
        Assert.NotEmpty(resigned);
        Assert.Equal(resigned, listedResigned);
        Assert.Equal(owned, listedOwned);
        Assert.True(owned.Count >= 2); // the planted overlapping groups share an owner
    }

    [Fact]
    public async Task Group_chat_details_carry_members_and_member_version()
    {
        await using var host = await WeComClientHost.StartAsync();
        var expected = host.State.Read(t => t.GroupChats[4]);

        var chat = await host.Client.GetGroupChatAsync(expected.ChatId, needName: true);

        Assert.Equal(expected.Owner, chat.Owner);
        Assert.Equal(expected.MemberVersion, chat.MemberVersion);
        Assert.Equal(expected.Members.Select(m => (m.UserId, m.Type)), chat.MemberList.Select(m => (m.UserId, m.Type)));
        Assert.Equal(40050, (await Assert.ThrowsAsync<WeComApiException>(() => host.Client.GetGroupChatAsync("wrNoSuchChat"))).ErrorCode);
    }

    [Fact]
    public async Task Member_oper_logs_are_read_in_seven_day_spans()
    {
        var now = DateTimeOffset.UtcNow;
        await using var host = await WeComClientHost.StartAsync();
        var start = now.AddDays(-20);
        var expected = host.State.Read(t => t.MemberOperLogs.Where(r => r.Time >= start.ToUnixTimeSeconds() && r.Time <= now.ToUnixTimeSeconds()).Select(r => (r.Time, r.UserId, r.OperType)).ToList());

        var records = await host.Client.ListMemberOperLogsAsync(start, now).ToListAsync();
        var logins = await host.Client.ListMemberOperLogsAsync(now.AddDays(-6), now, operType: 4).ToListAsync();

        Assert.Equal(expected.Order(), records.Select(r => (r.Time, r.UserId, r.OperType)).Order());
        Assert.Equal(3, host.State.CallCount("security/member_oper_log/list") - 1);
        Assert.Equal(host.State.Read(t => t.MemberOperLogs.Count(r => r.OperType == 4 && r.Time >= now.AddDays(-6).ToUnixTimeSeconds() && r.Time <= now.ToUnixTimeSeconds())), logins.Count);
        Assert.True(logins.Count >= 3);
        Assert.Equal(0, host.State.AnsweredCount(40058));
    }

    [Fact]
    public async Task Sandbox_refuses_spans_over_the_documented_maximum()
    {
        await using var host = await WeComClientHost.StartAsync();
        var token = await host.Services.GetRequiredService<WeComAccessTokenCache>().GetTokenAsync(WeComCredential.Security, CancellationToken.None);
        using var http = new HttpClient();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        async Task<int> CallAsync(string api, long span)
        {
            using var content = new StringContent($"{{\"start_time\":{now - span},\"end_time\":{now},\"limit\":100}}");
            using var response = await http.PostAsync(new Uri(host.Sandbox.BaseUrl, $"/cgi-bin/{api}?access_token={token}"), content);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errcode"]!.GetValue<int>();
        }

        Assert.Equal(0, await CallAsync("security/member_oper_log/list", 7 * 86400));
        Assert.Equal(40058, await CallAsync("security/member_oper_log/list", 7 * 86400 + 1));
        Assert.Equal(0, await CallAsync("security/get_file_oper_record", 14 * 86400));
        Assert.Equal(40058, await CallAsync("security/get_file_oper_record", 14 * 86400 + 1));
    }

    [Fact]
    public async Task File_oper_records_are_read_in_fourteen_day_spans()
    {
        var now = DateTimeOffset.UtcNow;
        await using var host = await WeComClientHost.StartAsync();

        var records = await host.Client.ListFileOperRecordsAsync(now.AddDays(-30), now).ToListAsync();

        Assert.Equal(host.State.Read(t => t.FileOperRecords.Count), records.Count);
        Assert.Contains(records, r => r.FileInfo == "客户名单.csv" && r.Operation.Type == 103 && r.Operation.Source == 401);
        Assert.Equal(3, host.State.CallCount("security/get_file_oper_record"));
    }

    [Fact]
    public async Task Unassigned_customers_and_app_chats_are_read()
    {
        await using var host = await WeComClientHost.StartAsync();

        var customers = await host.Client.ListUnassignedCustomersAsync(pageSize: 1).ToListAsync();
        var chat = await host.Client.GetAppChatAsync("appchat-ops");

        Assert.Equal(host.State.Read(t => t.UnassignedCustomers.Select(c => c.ExternalUserId).ToList()), customers.Select(c => c.ExternalUserId));
        Assert.Equal(host.State.Read(t => t.UnassignedCustomers.Count), host.State.CallCount("externalcontact/get_unassigned_list")); // one a page
        Assert.Equal(3, chat.UserList.Count);
        Assert.Equal(86003, (await Assert.ThrowsAsync<WeComApiException>(() => host.Client.GetAppChatAsync("nope"))).ErrorCode);
    }

    [Fact]
    public async Task Client_rate_limiter_keeps_a_burst_under_the_sandbox_limit()
    {
        await using var host = await WeComClientHost.StartAsync(
            sandbox: s => { s.RateLimitPerMinute = 20; s.RateLimitWindow = TimeSpan.FromSeconds(1); },
            client: o => { o.RateLimitPerMinute = 15; o.RateLimitWindow = TimeSpan.FromSeconds(1); o.MaxRetries = 0; });
        var userId = host.State.Read(t => t.Members[0].UserId);

        var members = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.Client.GetMemberAsync(userId)));

        Assert.Equal(50, members.Length);
        Assert.Equal(50, host.State.CallCount("user/get"));
        Assert.Equal(0, host.State.AnsweredCount(WeComErrorCodes.ApiFrequencyLimit));
    }

    [Fact]
    public async Task Without_the_client_limiter_the_same_burst_is_refused_with_45009()
    {
        await using var host = await WeComClientHost.StartAsync(
            sandbox: s => { s.RateLimitPerMinute = 20; s.RateLimitWindow = TimeSpan.FromMinutes(10); },
            client: o => { o.RateLimitPerMinute = 0; o.MaxRetries = 0; });
        var userId = host.State.Read(t => t.Members[0].UserId);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                await host.Client.GetMemberAsync(userId);
                return 0;
            }
            catch (WeComApiException ex)
            {
                return ex.ErrorCode;
            }
        }));

        Assert.Equal(20, outcomes.Count(o => o == 0));
        Assert.Equal(30, outcomes.Count(o => o == WeComErrorCodes.ApiFrequencyLimit));
    }

    [Fact]
    public async Task Large_media_is_downloaded_in_range_chunks()
    {
        await using var host = await WeComClientHost.StartAsync(client: o => o.MediaChunkBytes = 8 * 1024 * 1024);
        var media = host.State.Read(t => t.Media.Single(m => m.MediaId == "media-large-archive"));
        using var destination = new MemoryStream();

        var download = await host.Client.DownloadMediaAsync(media.MediaId, destination, maxBytes: 64L * 1024 * 1024);

        Assert.Equal(media.Size, download.Length);
        Assert.Equal(media.Size, destination.Length);
        Assert.Equal("archive.bin", download.FileName);
        Assert.Equal(3, host.State.CallCount("media/get"));
        Assert.Equal(SHA256.HashData(media.ReadRange(0, (int)media.Size)), SHA256.HashData(destination.ToArray()));
    }

    [Fact]
    public async Task Sandbox_answers_830002_to_a_plain_get_of_a_big_file_and_206_to_a_range()
    {
        await using var host = await WeComClientHost.StartAsync();
        var token = await host.Services.GetRequiredService<WeComAccessTokenCache>().GetTokenAsync(WeComCredential.App, CancellationToken.None);
        using var http = new HttpClient();
        var url = new Uri(host.Sandbox.BaseUrl, $"/cgi-bin/media/get?access_token={token}&media_id=media-large-archive");

        using var plain = await http.GetAsync(url);
        Assert.Equal(830002, JsonNode.Parse(await plain.Content.ReadAsStringAsync())!["errcode"]!.GetValue<int>());

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(10, 19);
        using var ranged = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal(10, (await ranged.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(10, ranged.Content.Headers.ContentRange!.From);
    }

    [Fact]
    public async Task Small_media_keeps_its_file_name_and_bad_ids_are_40007()
    {
        await using var host = await WeComClientHost.StartAsync();
        using var destination = new MemoryStream();

        var download = await host.Client.DownloadMediaAsync("media-customers-csv", destination, maxBytes: 1024 * 1024);
        var error = await Assert.ThrowsAsync<WeComApiException>(() => host.Client.DownloadMediaAsync("no-such-media", new MemoryStream(), 1024));

        Assert.Equal("客户名单.csv", download.FileName);
        Assert.Equal("text/csv", download.ContentType);
        Assert.Contains("13912345678", System.Text.Encoding.UTF8.GetString(destination.ToArray()), StringComparison.Ordinal);
        Assert.Equal(WeComErrorCodes.InvalidMediaId, error.ErrorCode);
    }

    [Fact]
    public async Task Media_over_the_cap_is_refused_without_writing_past_it()
    {
        await using var host = await WeComClientHost.StartAsync();
        using var destination = new MemoryStream();

        var error = await Assert.ThrowsAsync<WeComMediaTooLargeException>(() => host.Client.DownloadMediaAsync("media-large-archive", destination, maxBytes: 1024 * 1024));

        Assert.Equal(1024 * 1024, error.MaxBytes);
        Assert.True(destination.Length <= 1024 * 1024);
    }

    [Fact]
    public async Task Markdown_and_text_messages_are_sent_from_the_app()
    {
        await using var host = await WeComClientHost.StartAsync();
        var users = host.State.Read(t => t.Members.Take(2).Select(m => m.UserId).ToList());

        var result = await host.Client.SendMarkdownAsync([.. users, "ghost"], "**敏感文件** detected");
        await host.Client.SendTextAsync([users[0]], "hello");

        Assert.Equal("ghost", result.InvalidUser);
        var sent = host.State.SentMessages;
        Assert.Equal(3, sent.Count);
        Assert.All(sent, m => Assert.Equal(WeComClientHost.AgentId, m.AgentId));
        Assert.Equal(2, sent.Count(m => m.MsgType == "markdown" && m.Content == "**敏感文件** detected"));
    }

    [Fact]
    public async Task Security_team_notifier_sends_markdown_to_the_given_userids_and_nothing_for_none()
    {
        await using var host = await WeComClientHost.StartAsync();
        var team = host.State.Read(t => t.Members.Take(2).Select(m => m.UserId).ToList());
        var notifier = host.Services.GetRequiredService<ISecurityTeamNotifier>();

        await notifier.SendMarkdownAsync([" " + team[0], team[1], team[1]], "# Audit finished", CancellationToken.None);
        var callsAfterSend = host.State.TotalCalls;
        await notifier.SendMarkdownAsync([], "# Audit finished", CancellationToken.None);

        Assert.IsType<WeComSecurityTeamNotifier>(notifier);
        Assert.Equal(team.Order(), host.State.SentMessages.Select(m => m.ToUser).Order());
        Assert.All(host.State.SentMessages, m => Assert.Equal("markdown", m.MsgType));
        Assert.Equal(callsAfterSend, host.State.TotalCalls);
    }

    [Fact]
    public void Long_markdown_is_cut_to_wecoms_limit_on_a_character_boundary()
    {
        var text = WeComSecurityTeamNotifier.Truncate(string.Concat(Enumerable.Repeat("敏感", 3000)));

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(text) <= 4096);
        Assert.EndsWith("(truncated; see the report in WeCom Guard)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Spans_cover_the_range_without_overlap()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(1_000_000);
        var spans = WeComApiClient.Spans(start, start.AddDays(15), 7 * 86400).ToList();

        Assert.Equal([(1_000_000L, 1_604_800L), (1_604_801L, 2_209_601L), (2_209_602L, 2_296_000L)], spans);
    }

    [Fact]
    public void Generated_tenant_is_deterministic_and_plants_every_kind_of_violation()
    {
        var now = DateTimeOffset.Parse("2026-11-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var a = TenantGenerator.Generate(200, 30, 42, now);
        var b = TenantGenerator.Generate(200, 30, 42, now);
        var c = TenantGenerator.Generate(200, 30, 43, now);

        Assert.Equal(a.Members.Select(m => (m.UserId, m.Mobile, m.MainDepartment)), b.Members.Select(m => (m.UserId, m.Mobile, m.MainDepartment)));
        Assert.NotEqual(a.Members.Select(m => m.Mobile), c.Members.Select(m => m.Mobile));
        var kinds = typeof(SandboxViolationKinds).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.Equal(kinds, a.Planted.Select(p => p.Kind).ToHashSet());
        foreach (var planted in a.Planted.Where(p => p.Kind == SandboxViolationKinds.DepartedButEnabled))
        {
            var member = a.Members.Single(m => m.UserId == planted.Subject);
            Assert.Equal(1, member.Status);
            Assert.NotNull(member.TerminationDate);
        }

        Assert.Empty(a.GroupChats.Single(g => a.Planted.Any(p => p.Kind == SandboxViolationKinds.UnnamedGroup && p.Subject == g.ChatId) && g.ChatId.EndsWith('0')).Name);
    }

    [Fact]
    public void Roster_export_matches_the_tenant_and_includes_the_malformed_rows()
    {
        var tenant = TenantGenerator.Generate(50, 10, 1, DateTimeOffset.UtcNow);
        using var writer = new StringWriter();

        RosterCsvWriter.Write(tenant, writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date", lines[0]);
        Assert.Equal(1 + 50 + 2, lines.Length);
        Assert.Equal(1, lines.Count(l => l.Split(',').Length != 10)); // a row with missing columns
        Assert.Single(lines, l => l.Contains(",2023-13-45,", StringComparison.Ordinal)); // and one with an impossible date
        var departed = tenant.Members[0];
        Assert.Contains(lines, l => l.StartsWith(departed.EmployeeId + ",", StringComparison.Ordinal) && l.Contains(",terminated,", StringComparison.Ordinal));
    }
}
