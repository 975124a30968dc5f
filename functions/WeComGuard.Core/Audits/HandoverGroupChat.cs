namespace WeComGuard.Core.Audits;

/// <summary>
/// A customer group whose owner has left and that is not yet handed over: groupchat/list status 1 (离职待继承) or
/// 2 (离职继承中), with its owner and name from groupchat/get.
/// </summary>
public sealed record HandoverGroupChat(string ChatId, int Status, string Owner, string? Name)
{
    public const int StatusOwnerResigned = 1;
    public const int StatusInheriting = 2;
}
