using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WeComGuard.Core.WeCom;

/// <summary>
/// Access tokens per (corp id, secret): fetched with gettoken, reused until shortly before they expire, with at most
/// one fetch in flight per secret. Tokens and secrets are never logged.
/// </summary>
public sealed class WeComAccessTokenCache
{
    private static readonly TimeSpan MaxRefreshAhead = TimeSpan.FromMinutes(5);
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly WeComOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WeComAccessTokenCache> _logger;
    private readonly ConcurrentDictionary<(string CorpId, string Secret), Entry> _entries = new();

    public WeComAccessTokenCache(IHttpClientFactory httpClientFactory, IOptions<WeComOptions> options, TimeProvider timeProvider, ILogger<WeComAccessTokenCache> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The secret for a credential; an empty specific secret falls back to the app secret.</summary>
    public string SecretFor(WeComCredential credential)
    {
        var secret = credential switch
        {
            WeComCredential.Contacts => _options.ContactsSecret,
            WeComCredential.CustomerContact => _options.CustomerContactSecret,
            WeComCredential.Security => _options.SecuritySecret,
            _ => _options.AppSecret,
        };
        secret = string.IsNullOrEmpty(secret) ? _options.AppSecret : secret;
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(_options.CorpId))
        {
            throw new InvalidOperationException(
                $"WeCom is not configured for {credential} calls: set WeCom__CorpId and the matching WeCom__*Secret (or WeCom__AppSecret).");
        }

        return secret;
    }

    public async ValueTask<string> GetTokenAsync(WeComCredential credential, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd((_options.CorpId, SecretFor(credential)), _ => new Entry());
        if (entry.IsFresh(_timeProvider.GetUtcNow()))
        {
            return entry.Token!;
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (entry.IsFresh(_timeProvider.GetUtcNow()))
            {
                return entry.Token!;
            }

            var (token, lifetime) = await FetchAsync(SecretFor(credential), cancellationToken).ConfigureAwait(false);
            var now = _timeProvider.GetUtcNow();
            var ahead = TimeSpan.FromTicks(Math.Min(MaxRefreshAhead.Ticks, lifetime.Ticks / 10));
            entry.Set(token, now + lifetime - ahead);
            _logger.TokenFetched(credential, (int)lifetime.TotalSeconds);
            return token;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="staleToken"/> after WeCom refused it (40014, 42001), unless a newer one already replaced it.</summary>
    public void Invalidate(WeComCredential credential, string staleToken)
    {
        if (_entries.TryGetValue((_options.CorpId, SecretFor(credential)), out var entry))
        {
            entry.Clear(staleToken);
        }
    }

    private async Task<(string Token, TimeSpan Lifetime)> FetchAsync(string secret, CancellationToken cancellationToken)
    {
        const string Api = "gettoken";
        var http = _httpClientFactory.CreateClient(WeComApiClient.HttpClientName);
        var url = WeComApiClient.BuildUri(_options.ApiBaseUrl, Api, null, "corpid=" + Uri.EscapeDataString(_options.CorpId) + "&corpsecret=" + Uri.EscapeDataString(secret));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await WeComHttp.SendAsync(http, request, Api, HttpCompletionOption.ResponseContentRead, _options, cancellationToken).ConfigureAwait(false);
        var (envelope, bytes) = await WeComHttp.ReadEnvelopeAsync(response, Api, cancellationToken).ConfigureAwait(false);
        if (envelope.ErrCode != WeComErrorCodes.Ok)
        {
            throw new WeComApiException(Api, envelope.ErrCode!.Value, envelope.ErrMsg ?? string.Empty);
        }

        var body = WeComHttp.ReadPayload(bytes, WeComJsonContext.Default.TokenResponse, Api);
        if (string.IsNullOrEmpty(body.AccessToken))
        {
            throw new WeComApiException(Api, WeComErrorCodes.IncompleteAnswer, "no access_token in the answer");
        }

        return (body.AccessToken, TimeSpan.FromSeconds(body.ExpiresIn > 0 ? body.ExpiresIn : 7200));
    }

    private sealed class Entry
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _refreshAt;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public string? Token { get; private set; }

        public bool IsFresh(DateTimeOffset now)
        {
            lock (_lock)
            {
                return Token is not null && now < _refreshAt;
            }
        }

        public void Set(string token, DateTimeOffset refreshAt)
        {
            lock (_lock)
            {
                Token = token;
                _refreshAt = refreshAt;
            }
        }

        public void Clear(string staleToken)
        {
            lock (_lock)
            {
                if (Token == staleToken)
                {
                    Token = null;
                }
            }
        }
    }
}
