namespace WeComGuard.Core.WeCom;

/// <summary>groupchat/list's status_filter.</summary>
public enum WeComGroupChatStatusFilter
{
    All = 0,
    OwnerResigned = 1,
    Inheriting = 2,
    Inherited = 3,
}
