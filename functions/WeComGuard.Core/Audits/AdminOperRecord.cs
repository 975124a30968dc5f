namespace WeComGuard.Core.Audits;

/// <summary>
/// An admin console action (security/admin_oper_log/list): when, by whom (userid), WeCom's oper_type and detail_type,
/// and detail_info as WeCom wrote it. <see cref="DetailInfo"/> can hold names and mobiles: rules mask it
/// (<see cref="Rules.AdminLogDetailMasking"/>) before it reaches a finding.
/// </summary>
public sealed record AdminOperRecord(DateTimeOffset Time, string UserId, int OperType, int DetailType, string DetailInfo);
