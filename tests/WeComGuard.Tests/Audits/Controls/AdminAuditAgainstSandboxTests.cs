using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Rules;
using WeComGuard.Core.WeCom;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.WeCom;

namespace WeComGuard.Tests.Audits.Controls;

/// <summary>
/// admin.app-installed, admin.secret-exposed, admin.trusted-ip-changed, admin.data-exported and admin.rights-granted
/// over security/admin_oper_log/list in the sandbox (7-day spans, 180 days back, has_more paging, 600 calls/min).
/// </summary>
public sealed class AdminAuditAgainstSandboxTests
{
    private static readonly string[] AdminKinds =
    [
        SandboxViolationKinds.UnapprovedAppInstalled, SandboxViolationKinds.SecretExposed, SandboxViolationKinds.TrustedIpChanged,
        SandboxViolationKinds.DataExported, SandboxViolationKinds.AdminRightsGranted,
    ];

    private static readonly Dictionary<string, string> RuleOf = new()
    {
        [SandboxViolationKinds.UnapprovedAppInstalled] = AuditRuleCatalog.AdminAppInstalled.Id,
        [SandboxViolationKinds.SecretExposed] = AuditRuleCatalog.AdminSecretExposed.Id,
        [SandboxViolationKinds.TrustedIpChanged] = AuditRuleCatalog.AdminTrustedIpChanged.Id,
        [SandboxViolationKinds.DataExported] = AuditRuleCatalog.AdminDataExported.Id,
        [SandboxViolationKinds.AdminRightsGranted] = AuditRuleCatalog.AdminRightsGranted.Id,
    };

    [Fact]
    public async Task Every_planted_admin_action_is_found_and_nothing_else_with_the_approved_app_allowed()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = TenantGenerator.Generate(60, 12, seed: 31, now);
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await AdminAuditEvaluator.EvaluateAsync(audit.Source, new AuditOptions { ApprovedApps = [TenantGenerator.ApprovedApp] }, new AuditClock(now), CancellationToken.None);

        var expected = tenant.Planted.Where(p => AdminKinds.Contains(p.Kind)).Select(p => $"{RuleOf[p.Kind]}|{p.Subject}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(7, expected.Count);
        Assert.Equal(expected, outcome.Findings.Select(f => $"{f.Rule}|{f.Subject}").Order(StringComparer.Ordinal));
        Assert.True(outcome.IsComplete);
        Assert.Equal(AuditRuleCatalog.AdminRules.Select(r => r.Id).Order(), outcome.EvaluatedRules.Order());
        Assert.Equal(tenant.AdminOperLogs.Count, outcome.Inputs["adminLogRecords"]);
    }

    [Fact]
    public async Task Without_the_allowlist_the_approved_app_is_a_finding_too()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = TenantGenerator.Generate(60, 12, seed: 31, now);
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await AdminAuditEvaluator.EvaluateAsync(audit.Source, new AuditOptions(), new AuditClock(now), CancellationToken.None);

        var installed = outcome.Findings.Where(f => f.Rule == AuditRuleCatalog.AdminAppInstalled.Id).ToList();
        Assert.Equal(4, installed.Count);
        Assert.Contains(installed, f => ((string)f.Details["detail"]!).Contains(TenantGenerator.ApprovedApp, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Names_and_mobiles_in_detail_info_are_masked_before_they_reach_a_finding()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = TenantGenerator.Generate(60, 12, seed: 31, now);
        var granted = tenant.Members[14];
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await AdminAuditEvaluator.EvaluateAsync(audit.Source, new AuditOptions(), new AuditClock(now), CancellationToken.None);

        var finding = Assert.Single(outcome.Findings, f => f.Rule == AuditRuleCatalog.AdminRightsGranted.Id);
        var detail = (string)finding.Details["detail"]!;
        Assert.DoesNotContain(granted.Mobile, detail, StringComparison.Ordinal);
        Assert.DoesNotContain(granted.Name, detail, StringComparison.Ordinal);
        Assert.Equal($"姓名：{granted.Name[0]}*；手机号：{granted.Mobile[..3]}****{granted.Mobile[^4..]}", detail);
        Assert.DoesNotContain(outcome.Findings, f => f.Details.ToJsonString().Contains(granted.Mobile, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("姓名：shel；手机号：15622244106", "姓名：s***；手机号：156****4106")]
    [InlineData("成员：张三，邮箱：zhangsan@example.com", "成员：张*，邮箱：z***@example.com")]
    [InlineData("身份证 11010519491231002X 已导出", "身份证 **************002X 已导出")]
    [InlineData("应用名称：销售助手；AgentId：1000002", "应用名称：销售助手；AgentId：1000002")]
    public void Detail_info_masking(string raw, string masked) => Assert.Equal(masked, AdminLogDetailMasking.Mask(raw));

    [Theory]
    [InlineData("应用名称：销售助手；AgentId：1000002", "销售助手", true)]
    [InlineData("应用名称：销售助手；AgentId：1000002", "1000002", true)]
    [InlineData("应用名称：销售助手；AgentId：1000002", "销售", false)]
    [InlineData("应用名称：销售助手Pro", "销售助手", false)]
    [InlineData("应用名称：ＷｅＣｏｍ Guard", "WeCom Guard", true)]
    public void An_app_is_approved_only_by_a_whole_field_value(string detail, string approved, bool expected) =>
        Assert.Equal(expected, AppInstalledRule.IsApproved(detail, [approved]));

    [Theory]
    [InlineData(26, "admin.app-installed")]
    [InlineData(161, "admin.secret-exposed")]
    [InlineData(172, "admin.trusted-ip-changed")]
    [InlineData(182, "admin.data-exported")]
    [InlineData(37, "admin.rights-granted")]
    public async Task The_look_back_window_is_inclusive_at_its_start_and_exclusive_at_T(int detailType, string rule)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);
        var tenant = SandboxAudit.QuietTenant(now);
        var by = tenant.Members[2].UserId;
        var start = now.AddDays(-30).ToUnixTimeSeconds();
        foreach (var (time, detail) in new[] { (start - 1, "应用名称：早一秒"), (start, "应用名称：恰好开始"), (now.ToUnixTimeSeconds() - 1, "应用名称：T前一秒"), (now.ToUnixTimeSeconds(), "应用名称：恰好T") })
        {
            tenant.AdminOperLogs.Add(new SandboxAdminOperLog { Time = time, UserId = by, OperType = 8, DetailType = detailType, DetailInfo = detail });
        }

        await using var audit = await SandboxAudit.StartAsync(tenant);
        var outcome = await AdminAuditEvaluator.EvaluateAsync(audit.Source, new AuditOptions { AdminLogLookbackDays = 30 }, new AuditClock(now), CancellationToken.None);

        Assert.All(outcome.Findings, f => Assert.Equal(rule, f.Rule));
        Assert.Equal(["应用名称：T前一秒", "应用名称：恰好开始"], outcome.Findings.Select(f => (string)f.Details["detail"]!).Order(StringComparer.Ordinal));
        // 30 days in WeCom's 7-day spans: five spans, each one call (fewer than 50 records per span).
        Assert.Equal(5, audit.Host.State.CallCount("security/admin_oper_log/list"));
        Assert.Equal(0, audit.Host.State.AnsweredCount(WeComErrorCodes.InvalidParameter));
    }

    [Fact]
    public async Task A_long_span_is_paged_with_has_more_and_every_record_is_read_once()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = SandboxAudit.QuietTenant(now);
        for (var i = 0; i < 260; i++)
        {
            tenant.AdminOperLogs.Add(new SandboxAdminOperLog { Time = now.ToUnixTimeSeconds() - 3600 - (i * 600), UserId = tenant.Members[3].UserId, OperType = 2, DetailType = i % 2 == 0 ? 7 : 23, DetailInfo = $"操作{i}" });
        }

        await using var audit = await SandboxAudit.StartAsync(tenant);
        var outcome = await AdminAuditEvaluator.EvaluateAsync(audit.Source, new AuditOptions { AdminLogLookbackDays = 7 }, new AuditClock(now), CancellationToken.None);

        Assert.Equal(260, outcome.Inputs["adminLogRecords"]);
        Assert.Equal(130, outcome.Findings.Count(f => f.Rule == AuditRuleCatalog.AdminRightsGranted.Id));
        Assert.Equal(130, outcome.Findings.Select(f => f.Subject).Distinct(StringComparer.Ordinal).Count());
        Assert.True(audit.Host.State.CallCount("security/admin_oper_log/list") >= 6); // 50 a page at most
    }

    [Fact]
    public async Task The_sandbox_refuses_spans_over_seven_days_and_starts_over_180_days_back()
    {
        await using var audit = await SandboxAudit.StartAsync(SandboxAudit.QuietTenant(DateTimeOffset.UtcNow));
        var token = await audit.Host.Services.GetRequiredService<WeComAccessTokenCache>().GetTokenAsync(WeComCredential.Security, CancellationToken.None);
        using var http = new HttpClient();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        async Task<int> CallAsync(long start, long end)
        {
            using var content = new StringContent($"{{\"start_time\":{start},\"end_time\":{end},\"limit\":400}}");
            using var response = await http.PostAsync(new Uri(audit.Host.Sandbox.BaseUrl, $"/cgi-bin/security/admin_oper_log/list?access_token={token}"), content);
            return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errcode"]!.GetValue<int>();
        }

        Assert.Equal(0, await CallAsync(now - (7 * 86400), now));
        Assert.Equal(40058, await CallAsync(now - (7 * 86400) - 1, now));
        Assert.Equal(0, await CallAsync(now - (180 * 86400) + 60, now - (179 * 86400)));
        Assert.Equal(40058, await CallAsync(now - (180 * 86400) - 60, now - (179 * 86400)));
    }

    // The limiter's worst case per window is proven in WeComRateLimiterTests; here the client applies the documented
    // 600 calls/min of this path on its own (the general limit is 10,000), over real HTTP. The client's window is three
    // times the sandbox's, so the sandbox sees about 200 calls per window and refuses none however the machine schedules.
    [Fact]
    public async Task The_client_keeps_the_admin_log_under_600_calls_a_minute_and_the_sandbox_enforces_it()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var limited = await SandboxAudit.StartAsync(
            SandboxAudit.QuietTenant(now),
            s => s.RateLimitWindow = TimeSpan.FromSeconds(1),
            c => { c.RateLimitWindow = TimeSpan.FromSeconds(3); c.MaxRetries = 0; c.AttemptTimeout = TimeSpan.FromMinutes(2); }))
        {
            await Task.WhenAll(Enumerable.Range(0, 700).Select(_ => limited.Host.Client.ListAdminOperLogsAsync(now.AddHours(-1), now).ToListAsync().AsTask()));
            Assert.Equal(700, limited.Host.State.CallCount("security/admin_oper_log/list"));
            Assert.Equal(0, limited.Host.State.AnsweredCount(WeComErrorCodes.ApiFrequencyLimit));
        }

        // Without the client's limiter, 700 calls in one (long) sandbox window: exactly the 100 over 600 are refused.
        await using var unlimited = await SandboxAudit.StartAsync(
            SandboxAudit.QuietTenant(now),
            s => s.RateLimitWindow = TimeSpan.FromMinutes(10),
            c => { c.RateLimitPerMinute = 0; c.MaxRetries = 0; c.AttemptTimeout = TimeSpan.FromMinutes(2); });
        var refused = 0;
        await Task.WhenAll(Enumerable.Range(0, 700).Select(async _ =>
        {
            try
            {
                await unlimited.Host.Client.ListAdminOperLogsAsync(now.AddHours(-1), now).ToListAsync();
            }
            catch (WeComApiException error) when (error.ErrorCode == WeComErrorCodes.ApiFrequencyLimit)
            {
                Interlocked.Increment(ref refused);
            }
        }));
        Assert.Equal(100, refused);
    }

    [Fact]
    public async Task Without_security_access_the_admin_rules_are_skipped_and_named()
    {
        var now = DateTimeOffset.UtcNow;
        await using var audit = await SandboxAudit.StartAsync(TenantGenerator.Generate(40, 10, seed: 31, now), s => s.SecretsWithoutSecurityAccess.Add(WeComClientHost.SecuritySecret));

        var outcome = await AdminAuditEvaluator.EvaluateAsync(audit.Source, new AuditOptions(), new AuditClock(now), CancellationToken.None);

        Assert.Empty(outcome.Findings);
        Assert.Empty(outcome.EvaluatedRules);
        Assert.Equal(AuditRuleCatalog.AdminRules.Select(r => r.Id), outcome.SkippedRules.Select(s => s.Rule));
        Assert.All(outcome.SkippedRules, s => Assert.Contains("48002", s.Reason, StringComparison.Ordinal));
    }
}
