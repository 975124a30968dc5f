using System.Globalization;
using System.Text;
using WeComGuard.Core.Callbacks;

namespace WeComGuard.Tests.Infrastructure;

/// <summary>A callback signed and encrypted as WeCom sends it, for a receiver the test configured.</summary>
public sealed record SignedCallback(CallbackQuery Query, string Encrypt, string BodyXml)
{
    public static SignedCallback Create(string token, string encodingAesKey, string receiveId, string plaintext, long timestamp, string nonce = "1372623149")
    {
        var key = WeComCallbackCrypto.DecodeAesKey(encodingAesKey);
        var encrypt = WeComCallbackCrypto.Encrypt(key, Encoding.UTF8.GetBytes(plaintext), receiveId);
        return FromEncrypt(token, receiveId, encrypt, timestamp, nonce);
    }

    public static SignedCallback FromEncrypt(string token, string receiveId, string encrypt, long timestamp, string nonce = "1372623149")
    {
        var ts = timestamp.ToString(CultureInfo.InvariantCulture);
        var signature = WeComCallbackCrypto.ComputeSignature(token, ts, nonce, encrypt);
        var body = $"<xml><ToUserName><![CDATA[{receiveId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        return new SignedCallback(new CallbackQuery(signature, ts, nonce, null), encrypt, body);
    }

    public string QueryString =>
        $"?msg_signature={Query.MsgSignature}&timestamp={Query.Timestamp}&nonce={Uri.EscapeDataString(Query.Nonce!)}";

    public MemoryStream BodyStream() => new(Encoding.UTF8.GetBytes(BodyXml));
}
