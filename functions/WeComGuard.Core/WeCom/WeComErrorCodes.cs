namespace WeComGuard.Core.WeCom;

/// <summary>
/// The WeCom errcodes WeCom Guard acts on (WeCom's global error code list, DOC 90313), in one place for the client,
/// its retries, the audits, the sandbox and the tests.
/// </summary>
public static class WeComErrorCodes
{
    public const int Ok = 0;

    /// <summary>系统繁忙: retry later.</summary>
    public const int SystemBusy = -1;

    /// <summary>Not a WeCom code: WeCom Guard's own "the answer lacked what it must carry" (e.g. no department in department/get).</summary>
    public const int IncompleteAnswer = -2;

    /// <summary>The secret is wrong, was reset, or its app is disabled.</summary>
    public const int InvalidCredential = 40001;

    public const int InvalidMediaId = 40007;
    public const int InvalidMessageType = 40008;
    public const int InvalidCorpId = 40013;

    /// <summary>The access token is not (or no longer) valid: fetch a new one.</summary>
    public const int InvalidAccessToken = 40014;

    public const int InvalidApiPath = 40035;
    public const int GroupChatNotFound = 40050;

    /// <summary>A parameter is out of range (spans, page sizes, cursors, list lengths).</summary>
    public const int InvalidParameter = 40058;

    public const int AccessTokenMissing = 41001;

    /// <summary>The access token expired: fetch a new one.</summary>
    public const int AccessTokenExpired = 42001;

    /// <summary>A POST arrived without a body; what gateways that cannot read chunked bodies make of them.</summary>
    public const int EmptyPostData = 44002;

    public const int ContentSizeOutOfLimit = 44004;

    /// <summary>The per-API frequency limit: banned for the rest of the window.</summary>
    public const int ApiFrequencyLimit = 45009;

    /// <summary>The answer would be too large (user/list with fetch_child).</summary>
    public const int AnswerTooLarge = 45029;

    public const int ApiConcurrencyLimit = 45033;
    public const int DataFormatError = 47001;

    /// <summary>The app may not call this API (not in the feature's 可调用接口的应用, or not visible to the root department).</summary>
    public const int ApiForbidden = 48002;

    public const int OutsideVisibleRange = 60011;
    public const int IpNotTrusted = 60020;
    public const int MemberNotFound = 60111;
    public const int DepartmentNotFound = 60123;
    public const int AllRecipientsInvalid = 81013;
    public const int TooManyItems = 81017;
    public const int AppChatNotFound = 86003;
    public const int TokenOfAnotherApp = 301002;

    /// <summary>会话内容存档 has lapsed (its licence expired or it was switched off): msgaudit/* answers this (DOC 92951).</summary>
    public const int ArchiveLapsed = 301052;

    /// <summary>groupchat/transfer, per chat: the owner has not left (离职继承 is for departed owners only).</summary>
    public const int GroupChatOwnerNotResigned = 90500;

    /// <summary>media/get of a file over 20 MB without Range.</summary>
    public const int MediaNeedsRange = 830002;

    /// <summary>Busy, frequency and concurrency limits: they go away when retried later.</summary>
    public static bool IsTransient(int errorCode) => errorCode is SystemBusy or ApiFrequencyLimit or ApiConcurrencyLimit;

    /// <summary>WeCom refused the access token: fetch a new one and repeat the call once.</summary>
    public static bool IsTokenRefused(int errorCode) => errorCode is InvalidAccessToken or AccessTokenExpired;

    /// <summary>What usually causes this errcode and how to fix it, for the common ones; otherwise null.</summary>
    public static string? HintFor(int errorCode) => errorCode switch
    {
        InvalidCredential => "The secret is wrong, was reset, or its app is disabled: check the WeCom__*Secret settings.",
        InvalidCorpId => "The corp id is wrong: check WeCom__CorpId.",
        EmptyPostData => "WeCom (or a gateway in front of it) read the request body as empty.",
        ApiForbidden => "The app may not call this API: add it to the feature's 可调用接口的应用 (客户联系 or 安全管理), or give it the root department as visible range for appchat.",
        OutsideVisibleRange => "The member, department or group is outside the app's visible range: widen the app's 可见范围.",
        IpNotTrusted => "WeCom Guard's egress IP is not in the app's 企业可信IP list (changes take about a minute to apply).",
        TooManyItems => "Too many items for one call: filter by owner.",
        TokenOfAnotherApp => "The access token belongs to another app: use that app's secret.",
        ArchiveLapsed => "会话内容存档 has lapsed: renew it in the admin console (管理工具 > 会话内容存档).",
        _ => null,
    };
}
