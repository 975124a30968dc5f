namespace WeComGuard.Core.Audits;

/// <summary>A member of a customer group chat: <see cref="Type"/> 1 is an internal member, 2 an external contact.</summary>
public sealed record AuditGroupMember(string UserId, int Type)
{
    public const int TypeInternal = 1;
    public const int TypeExternal = 2;

    public bool IsInternal => Type == TypeInternal;
}
