namespace WeComGuard.Core.WeCom;

/// <summary>Which app's secret (and so which access token) an API call uses.</summary>
public enum WeComCredential
{
    Contacts,
    CustomerContact,
    Security,
    App,
}
