namespace WeComGuard.Sandbox;

/// <summary>
/// Errcodes the sandbox answers where WeCom documents the rule (groupchat/transfer's eligibility and daily limit) but not
/// the errcode it gives for it. Each is the global errcode whose documented meaning fits the rule; none reuses a code
/// documented for something else (90501 is "该群不是客户群", 90502 "群主已经离职"). WeCom Guard does not depend on them: it
/// reports whatever errcode WeCom gives per chat.
/// </summary>
public static class SandboxApiCodes
{
    /// <summary>
    /// The new owner cannot take over (not activated, no customer-contact rights, not real-name verified): global code
    /// 610004 "userid不在客户联系配置的使用范围内".
    /// </summary>
    public const int NewOwnerNotEligible = 610004;

    /// <summary>The departed owner's 300 chats for today are used up: global code 45009 "接口调用超过限制".</summary>
    public const int TransferDailyLimit = 45009;
}
