namespace WeComGuard.Core.WeCom;

/// <summary>Which app's secret (and so which access token) an API call uses.</summary>
public enum WeComCredential
{
    Contacts,
    CustomerContact,
    Security,

    /// <summary>会话内容存档 (chat archive) secret: msgaudit/* calls.</summary>
    Archive,
    App,
}
