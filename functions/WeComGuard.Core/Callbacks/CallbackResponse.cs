namespace WeComGuard.Core.Callbacks;

/// <summary>
/// What to answer WeCom: 200 (with the echo plaintext on URL verification, empty otherwise) or a refusal status.
/// WeCom retries anything but 200.
/// </summary>
public sealed record CallbackResponse(int StatusCode, string Body, CallbackRefusalReason Reason)
{
    public static CallbackResponse Accepted { get; } = new(200, string.Empty, CallbackRefusalReason.None);

    public static CallbackResponse Echo(string plaintext) => new(200, plaintext, CallbackRefusalReason.None);

    public static CallbackResponse Refused(CallbackRefusalReason reason) => new(StatusFor(reason), string.Empty, reason);

    public bool IsAccepted => StatusCode == 200;

    private static int StatusFor(CallbackRefusalReason reason) => reason switch
    {
        CallbackRefusalReason.UnknownApp => 404,
        CallbackRefusalReason.SignatureMismatch or CallbackRefusalReason.ReceiveIdMismatch or CallbackRefusalReason.TimestampOutOfWindow => 401,
        CallbackRefusalReason.BodyTooLarge => 413,
        CallbackRefusalReason.MethodNotAllowed => 405,
        CallbackRefusalReason.StorageUnavailable => 503,
        CallbackRefusalReason.InvalidAesKey => 500,
        _ => 400,
    };
}
