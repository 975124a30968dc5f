namespace WeComGuard.Sandbox;

/// <summary>
/// Errcodes the sandbox answers where WeCom documents the rule but we could not verify its code (groupchat/transfer's
/// eligibility and daily limit). WeCom Guard does not depend on them: it reports whatever errcode WeCom gives per chat.
/// </summary>
public static class SandboxApiCodes
{
    /// <summary>The new owner cannot take over (not activated, no customer-contact rights, not real-name verified).</summary>
    public const int NewOwnerNotEligible = 90501;

    /// <summary>The departed owner's 300 chats for today are used up.</summary>
    public const int TransferDailyLimit = 90502;
}
