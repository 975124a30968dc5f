namespace WeComGuard.Core.Callbacks;

/// <summary>
/// Why a callback was refused. Where WeCom's WXBizMsgCrypt has an error code for the case, the value is that code
/// (-400xx), so integrators can match our logs with WeCom's documentation.
/// </summary>
public enum CallbackRefusalReason
{
    None = 0,
    SignatureMismatch = -40001,
    MalformedPayload = -40002,
    InvalidAesKey = -40004,
    ReceiveIdMismatch = -40005,
    DecryptFailed = -40007,
    IllegalBuffer = -40008,
    Base64DecodeFailed = -40010,
    UnknownApp = 1,
    MissingParameter = 2,
    TimestampOutOfWindow = 3,
    BodyTooLarge = 4,
    MethodNotAllowed = 5,
    StorageUnavailable = 6,
}
