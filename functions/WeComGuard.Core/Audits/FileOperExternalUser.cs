namespace WeComGuard.Core.Audits;

/// <summary>The external user behind a file operation record: <see cref="Type"/> 1 WeChat user, 2 WeCom user of another corp.</summary>
public sealed record FileOperExternalUser(int Type, string Name, string? CorpName);
