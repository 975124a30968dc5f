using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Sandbox;

/// <summary>How to start a sandbox: the port, the tenant, the corp id and secrets it accepts, token lifetime and rate limit.</summary>
public sealed class SandboxOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    public string CorpId { get; set; } = "wwsandbox0000000001";

    /// <summary>Secrets gettoken accepts; empty accepts any non-empty secret (handy for local runs).</summary>
    public IList<string> AcceptedSecrets { get; } = [];

    /// <summary>Secrets of apps without 安全管理 access: the security APIs answer 48002 to their tokens.</summary>
    public IList<string> SecretsWithoutSecurityAccess { get; } = [];

    public SandboxTenant Tenant { get; set; } = new();

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(7200);

    /// <summary>Calls per minute allowed per API path (WeCom: 10,000 per corp per API); 0 = unlimited.</summary>
    public int RateLimitPerMinute { get; set; }

    /// <summary>The window <see cref="RateLimitPerMinute"/> counts over; one minute except in tests.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
