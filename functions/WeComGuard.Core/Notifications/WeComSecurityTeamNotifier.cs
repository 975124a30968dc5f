using System.Text;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.Notifications;

/// <summary>
/// Sends markdown to the security team through WeCom Guard's app (message/send, <c>WeCom__AppAgentId</c>); does nothing
/// for an empty list. Messages over WeCom's 4,096-byte markdown limit are cut with a note.
/// </summary>
public sealed class WeComSecurityTeamNotifier : ISecurityTeamNotifier
{
    /// <summary>WeCom's limit for a markdown message.</summary>
    internal const int MaxMarkdownBytes = 4096;
    private const string TruncatedNote = "\n\n…(truncated; see the report in WeCom Guard)";

    private readonly WeComApiClient _client;
    private readonly ILogger<WeComSecurityTeamNotifier> _logger;

    public WeComSecurityTeamNotifier(WeComApiClient client, ILogger<WeComSecurityTeamNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
    }

    public async Task SendMarkdownAsync(IReadOnlyList<string> userIds, string markdown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentException.ThrowIfNullOrEmpty(markdown);
        var recipients = userIds.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (recipients.Count == 0)
        {
            _logger.NoRecipients(SettingNames.SecurityTeamUserIds);
            return;
        }

        var result = await _client.SendMarkdownAsync(recipients, Truncate(markdown), cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(result.InvalidUser))
        {
            _logger.Undelivered(result.InvalidUser);
        }
    }

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
