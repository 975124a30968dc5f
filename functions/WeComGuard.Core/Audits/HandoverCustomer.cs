namespace WeComGuard.Core.Audits;

/// <summary>A departed member's customer still waiting for 离职继承 (externalcontact/get_unassigned_list), with WeCom's dimission_time.</summary>
public sealed record HandoverCustomer(string HandoverUserId, string ExternalUserId, DateTimeOffset DimissionTime);
