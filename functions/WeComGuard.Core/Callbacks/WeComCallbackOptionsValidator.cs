using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Callbacks;

/// <summary>
/// Every configured callback receiver has a Token, a ReceiveId and an EncodingAESKey that decodes to a 32-byte AES key;
/// the replay window is not negative. A receiver that WeCom could never reach stops the app at start.
/// </summary>
public sealed class WeComCallbackOptionsValidator : IValidateOptions<WeComCallbackOptions>
{
    public ValidateOptionsResult Validate(string? name, WeComCallbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new SettingProblems();
        problems.WholeNumber(options.CallbackMaxSkewSeconds, SettingNames.CallbackMaxSkewSeconds, 0, int.MaxValue);
        foreach (var (app, receiver) in options.Callbacks)
        {
            var prefix = SettingNames.CallbackReceiverPrefix + app + "__";
            problems.Check(string.IsNullOrWhiteSpace(receiver.Token), prefix + nameof(receiver.Token), "is not set (the Token from the WeCom admin console).");
            problems.Check(string.IsNullOrWhiteSpace(receiver.ReceiveId), prefix + nameof(receiver.ReceiveId), "is not set (the CorpID, or the suite id of a third-party app).");
            problems.Check(!CallbackReceivers.IsEncodingAesKey(receiver.EncodingAesKey), prefix + nameof(receiver.EncodingAesKey),
                "is not an EncodingAESKey: 43 characters from [A-Za-z0-9] that decode to a 32-byte AES key.");
        }

        return problems.Result();
    }
}
