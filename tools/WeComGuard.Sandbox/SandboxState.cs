using System.Collections.Concurrent;
using WeComGuard.Core.WeCom;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Sandbox;

/// <summary>
/// A running sandbox's state: its tenant (change it only through <see cref="Mutate"/>), faults, issued tokens, call
/// counts and the messages apps sent.
/// </summary>
public sealed class SandboxState
{
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateWindow> _windows = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SandboxSentMessage> _sent = new();
    private SandboxTenant _tenant;
    private TenantIndex? _index;
    private long _tokenSequence;

    internal SandboxState(SandboxOptions options)
    {
        CorpId = options.CorpId;
        AcceptedSecrets = [.. options.AcceptedSecrets];
        SecretsWithoutSecurityAccess = [.. options.SecretsWithoutSecurityAccess];
        _tenant = options.Tenant;
        TimeProvider = options.TimeProvider;
        Faults = new SandboxFaults { RateLimitPerMinute = options.RateLimitPerMinute, RateLimitWindow = options.RateLimitWindow, TokenLifetime = options.TokenLifetime };
    }

    public string CorpId { get; }

    public IReadOnlyList<string> AcceptedSecrets { get; }

    /// <summary>Secrets whose app is not in 安全管理's 可调用接口的应用: security/* answers 48002 to their tokens.</summary>
    public IReadOnlyList<string> SecretsWithoutSecurityAccess { get; }

    public SandboxFaults Faults { get; }

    /// <summary>Template cards sent and updated, invites and transfers (the remediation APIs).</summary>
    public SandboxCards Cards { get; } = new();

    public TimeProvider TimeProvider { get; }

    public IReadOnlyCollection<SandboxSentMessage> SentMessages => _sent.ToArray();

    /// <summary>Successful gettoken calls.</summary>
    public int TokensIssued => _calls.GetValueOrDefault("gettoken#issued");

    /// <summary>Calls received for an API path such as <c>user/get</c> (including refused ones).</summary>
    public int CallCount(string api) => _calls.GetValueOrDefault(api);

    public int TotalCalls => _calls.Where(c => !c.Key.Contains('#', StringComparison.Ordinal)).Sum(c => c.Value);

    /// <summary>Changes the tenant atomically (e.g. to make WeCom drift from WeCom Guard's mirror).</summary>
    public void Mutate(Action<SandboxTenant> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            change(_tenant);
            _index = null;
        }
    }

    /// <summary>Reads the tenant under the lock.</summary>
    public T Read<T>(Func<SandboxTenant, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_lock)
        {
            return read(_tenant);
        }
    }

    public void ReplaceTenant(SandboxTenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        lock (_lock)
        {
            _tenant = tenant;
            _index = null;
        }
    }

    /// <summary>Every token issued so far now answers 42001 (expired).</summary>
    public void ExpireTokens()
    {
        foreach (var token in _tokens.Values)
        {
            token.ExpiresAt = DateTimeOffset.MinValue;
        }
    }

    /// <summary>Every token issued so far now answers 40014 (invalid), as when WeCom invalidates tokens early.</summary>
    public void InvalidateTokens() => _tokens.Clear();

    internal T WithIndex<T>(Func<TenantIndex, T> read)
    {
        lock (_lock)
        {
            _index ??= new TenantIndex(_tenant);
            return read(_index);
        }
    }

    /// <summary>How many times the sandbox answered with <paramref name="errcode"/> (injected faults included).</summary>
    public int AnsweredCount(int errcode) => _calls.GetValueOrDefault("errcode#" + errcode.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Every access token issued so far (tests check that none leaks into logs).</summary>
    public IReadOnlyCollection<string> IssuedTokens => [.. _tokens.Keys];

    internal void CountAnswer(int errcode) => CountCall("errcode#" + errcode.ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal void CountCall(string api) => _calls.AddOrUpdate(api, 1, (_, n) => n + 1);

    internal void RecordSent(SandboxSentMessage message) => _sent.Enqueue(message);

    internal string IssueToken(string secret)
    {
        var sequence = Interlocked.Increment(ref _tokenSequence);
        var token = "sbx" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        _tokens[token] = new IssuedToken(secret) { ExpiresAt = TimeProvider.GetUtcNow() + Faults.TokenLifetime };
        CountCall("gettoken#issued");
        return token;
    }

    /// <summary>0 and the token's secret for a good token, else 41001 (missing), 40014 (unknown) or 42001 (expired).</summary>
    internal (int ErrorCode, string? Secret) CheckToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (WeComErrorCodes.AccessTokenMissing, null);
        }

        if (!_tokens.TryGetValue(token, out var issued))
        {
            return (WeComErrorCodes.InvalidAccessToken, null);
        }

        return (issued.ExpiresAt <= TimeProvider.GetUtcNow() ? WeComErrorCodes.AccessTokenExpired : WeComErrorCodes.Ok, issued.Secret);
    }

    internal bool LacksSecurityAccess(string? secret) => secret is not null && SecretsWithoutSecurityAccess.Contains(secret, StringComparer.Ordinal);

    /// <summary>
    /// True when the call fits the per-API limit for the current window (one minute unless a test shortens it): the
    /// configured limit, and for the security logs at most <see cref="WeComApiLimits.SecurityLogCallsPerMinute"/>.
    /// </summary>
    internal bool TryAdmit(string api)
    {
        // The security logs' documented 600 calls/min applies whatever the general limit (0 = unlimited) is.
        var limit = Faults.RateLimitPerMinute;
        if (WeComApiLimits.DocumentedPerMinute(api) is { } documented)
        {
            limit = limit <= 0 ? documented : Math.Min(limit, documented);
        }

        if (limit <= 0)
        {
            return true;
        }

        var window = _windows.GetOrAdd(api, _ => new RateWindow());
        var now = TimeProvider.GetUtcNow();
        lock (window)
        {
            if (now - window.Start >= Faults.RateLimitWindow)
            {
                window.Start = now;
                window.Count = 0;
            }

            window.Count++;
            return window.Count <= limit;
        }
    }

    private sealed class IssuedToken(string secret)
    {
        public string Secret { get; } = secret;

        public DateTimeOffset ExpiresAt { get; set; }
    }

    private sealed class RateWindow
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;

        public int Count { get; set; }
    }
}
