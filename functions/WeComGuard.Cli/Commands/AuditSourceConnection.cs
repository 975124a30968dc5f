namespace WeComGuard.Cli.Commands;

/// <summary>How <c>wecomguard audit</c> reaches WeCom: the API base URL, the corp id and the app secret.</summary>
internal sealed record AuditSourceConnection(Uri ApiBaseUrl, string CorpId, string Secret)
{
    // Never print the secret.
    public override string ToString() => $"{ApiBaseUrl} (corp {CorpId})";
}
