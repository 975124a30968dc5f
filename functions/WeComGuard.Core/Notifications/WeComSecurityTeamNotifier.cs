using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.Notifications;

/// <summary>Sends markdown to the security team through WeCom Guard's app (message/send); does nothing when no userids are set.</summary>
public sealed class WeComSecurityTeamNotifier : ISecurityTeamNotifier
{
    /// <summary>WeCom's limit for a markdown message.</summary>
    internal const int MaxMarkdownBytes = 4096;
    private const string TruncatedNote = "\n\n…(truncated; see the report in WeCom Guard)";

    private readonly WeComApiClient _client;
    private readonly ILogger<WeComSecurityTeamNotifier> _logger;
    private readonly IReadOnlyList<string> _userIds;

    public WeComSecurityTeamNotifier(WeComApiClient client, IConfiguration configuration, ILogger<WeComSecurityTeamNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
        _userIds = ParseUserIds(configuration[SettingNames.SecurityTeamUserIds.Replace("__", ":", StringComparison.Ordinal)]);
    }

    public async Task SendMarkdownAsync(string markdown, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(markdown);
        if (_userIds.Count == 0)
        {
            _logger.LogDebug("No security team userids are set ({Setting}); not sending the message.", SettingNames.SecurityTeamUserIds);
            return;
        }

        var result = await _client.SendMarkdownAsync(_userIds, Truncate(markdown), cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(result.InvalidUser))
        {
            _logger.LogWarning("WeCom could not deliver the security team message to {InvalidUsers}.", result.InvalidUser);
        }
    }

    internal static IReadOnlyList<string> ParseUserIds(string? value) =>
        (value ?? string.Empty).Split([',', ';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static string Truncate(string markdown)
    {
        if (Encoding.UTF8.GetByteCount(markdown) <= MaxMarkdownBytes)
        {
            return markdown;
        }

        var budget = MaxMarkdownBytes - Encoding.UTF8.GetByteCount(TruncatedNote);
        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in markdown.EnumerateRunes())
        {
            used += rune.Utf8SequenceLength;
            if (used > budget)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.Append(TruncatedNote).ToString();
    }
}
