using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Scanning;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Cli.Commands;

/// <summary>
/// Builds the inputs of <c>wecomguard audit</c>: the same API client and data source the function app uses, with the
/// one secret given on the command line used for every API (an app with contacts, customer-contact and security
/// access), and the scanner's group notice inspector that the function app registers for group.notice-sensitive.
/// </summary>
internal static class WeComAuditSourceFactory
{
    public static AuditCliInputs Create(AuditSourceConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = connection.ApiBaseUrl.ToString(),
            ["WeCom:CorpId"] = connection.CorpId,
            ["WeCom:ContactsSecret"] = connection.Secret,
            ["WeCom:CustomerContactSecret"] = connection.Secret,
            ["WeCom:SecuritySecret"] = connection.Secret,
            ["WeCom:AppSecret"] = connection.Secret,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddHttpClient();
        services.AddWeComClient(configuration);
        // The provider lives as long as the command: one audit run per process.
        var provider = services.BuildServiceProvider();
        return new AuditCliInputs(new WeComAuditDataSource(provider.GetRequiredService<WeComApiClient>(), ContactFingerprinter.Ephemeral()), new ScannerGroupNoticeInspector());
    }
}
