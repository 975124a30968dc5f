using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.DependencyCollector;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Telemetry;
using WeComGuard.Functions;
using WeComGuard.Tests.WeCom;

namespace WeComGuard.Tests.Telemetry;

/// <summary>
/// Issue 11 item 1: the corp secret and access tokens never reach Application Insights. The function app's own wiring
/// (<see cref="ApplicationInsightsSetup"/>), the real dependency collector and WeCom Guard's WeCom client calling the
/// sandbox over loopback HTTP; what the channel is given is rendered as the ingestion payload and searched.
/// </summary>
public sealed class TelemetrySecretRedactionTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-0000000000aa;IngestionEndpoint=http://127.0.0.1:9/";

    [Fact]
    public async Task Dependency_telemetry_of_WeCom_calls_sent_to_the_channel_has_no_corp_secret_or_access_token()
    {
        var channel = new CapturingTelemetryChannel();
        await using var host = await WeComClientHost.StartAsync(services: services => AddApplicationInsights(services, channel));
        Assert.Contains(host.Services.GetServices<ITelemetryModule>(), module => module is DependencyTrackingTelemetryModule);

        // gettoken?corpid=…&corpsecret=…, then department/simplelist?access_token=…
        await host.Client.ListDepartmentIdsAsync();
        var payload = await PollAsync(channel, p => p.Contains("simplelist", StringComparison.Ordinal));

        Assert.Contains("/cgi-bin/gettoken", payload, StringComparison.Ordinal);
        Assert.Contains("/cgi-bin/department/simplelist", payload, StringComparison.Ordinal);
        Assert.DoesNotContain(WeComClientHost.ContactsSecret, payload, StringComparison.Ordinal);
        Assert.NotEmpty(host.State.IssuedTokens);
        foreach (var token in host.State.IssuedTokens)
        {
            Assert.DoesNotContain(token, payload, StringComparison.Ordinal);
        }

        Assert.Contains("corpsecret=" + SecretQueryRedaction.Placeholder, payload, StringComparison.Ordinal);
        Assert.Contains("access_token=" + SecretQueryRedaction.Placeholder, payload, StringComparison.Ordinal);
        Assert.Contains("corpid=" + WeComClientHost.CorpId, payload, StringComparison.Ordinal); // not a secret: kept for diagnosis
    }

    [Fact]
    public async Task Request_and_exception_telemetry_sent_to_the_channel_has_no_echostr_or_token()
    {
        var channel = new CapturingTelemetryChannel();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        AddApplicationInsights(services, channel);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<TelemetryClient>();
        const string echostr = "P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D";
        const string token = "sbx7_0123456789abcdef0123456789abcdef0123456789abcdef";

        client.TrackRequest(new RequestTelemetry
        {
            Name = "GET /api/wecom/callback/contacts",
            Url = new Uri($"https://guard.example.com/api/wecom/callback/contacts?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr={echostr}"),
            ResponseCode = "200",
            Success = true,
        });
        client.TrackException(new HttpRequestException($"Response status code does not indicate success: 502 (Bad Gateway) for https://qyapi.weixin.qq.com/cgi-bin/user/get?access_token={token}&userid=zhangsan."));
        client.TrackTrace($"Calling https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret={token}");
        var payload = await PollAsync(channel, p => p.Contains("Bad Gateway", StringComparison.Ordinal) && p.Contains("gettoken", StringComparison.Ordinal));

        Assert.Contains("msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", payload, StringComparison.Ordinal);
        Assert.Contains("echostr=" + SecretQueryRedaction.Placeholder, payload, StringComparison.Ordinal);
        Assert.DoesNotContain("P9nAzCzyDtyTWESHep1vC5X9xho", payload, StringComparison.Ordinal);
        Assert.DoesNotContain(token, payload, StringComparison.Ordinal);
        Assert.Contains("access_token=" + SecretQueryRedaction.Placeholder + "&userid=zhangsan", payload, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=s3cr3t", "https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=REDACTED")]
    [InlineData("GET /cgi-bin/user/get?userid=a&ACCESS_TOKEN=t0k", "GET /cgi-bin/user/get?userid=a&ACCESS_TOKEN=REDACTED")]
    [InlineData("/service/get_provider_token?provider_secret=x&suite_ticket=y", "/service/get_provider_token?provider_secret=REDACTED&suite_ticket=REDACTED")]
    [InlineData("https://a.blob.core.windows.net/c/b?sv=2024&sig=abc%2Bdef&se=2026", "https://a.blob.core.windows.net/c/b?sv=2024&sig=REDACTED&se=2026")]
    [InlineData("redirect=https%3A%2F%2Fx%2Fcb%3Faccess_token%3Dt0k", "redirect=https%3A%2F%2Fx%2Fcb%3Faccess_token=REDACTED")]
    [InlineData("/cgi-bin/auth/getuserinfo?code=c0de&x=1", "/cgi-bin/auth/getuserinfo?code=REDACTED&x=1")]
    [InlineData("no query here; tokens=3 errcode=0", "no query here; tokens=3 errcode=0")]
    public void Secret_query_values_are_redacted_in_text(string text, string expected) =>
        Assert.Equal(expected, SecretQueryRedaction.Redact(text));

    private static void AddApplicationInsights(IServiceCollection services, CapturingTelemetryChannel channel)
    {
        // A channel registered first replaces the default ServerTelemetryChannel.
        services.AddSingleton<ITelemetryChannel>(channel);
        services.AddWeComGuardApplicationInsights(options =>
        {
            options.ConnectionString = ConnectionString;
            options.EnableAdaptiveSampling = false;
        });
    }

    private static async Task<string> PollAsync(CapturingTelemetryChannel channel, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var payload = channel.Payload();
            if (done(payload) || DateTime.UtcNow > deadline)
            {
                return payload;
            }

            await Task.Delay(50);
        }
    }
}
