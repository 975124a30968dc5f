namespace WeComGuard.Core.Callbacks;

/// <summary>
/// The callback receivers, bound from configuration section <c>WeCom</c>: <c>WeCom__Callbacks__{app}__Token</c>,
/// <c>__EncodingAesKey</c> and <c>__ReceiveId</c> for each receiver (Key Vault references in Azure), and
/// <c>WeCom__CallbackMaxSkewSeconds</c>.
/// </summary>
public sealed class WeComCallbackOptions
{
    public const string SectionName = "WeCom";

    /// <summary>The receivers by name, the <c>{app}</c> of <c>/api/wecom/callback/{app}</c> (contacts, customer, app...).</summary>
    public Dictionary<string, CallbackReceiverOptions> Callbacks { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Callbacks whose timestamp is further than this from now are refused as replays; 0 turns the check off.</summary>
    public int CallbackMaxSkewSeconds { get; set; } = 600;
}
