using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using WeComGuard.Core.Callbacks;
using WeComGuard.Core.Events;

namespace WeComGuard.Benchmarks;

/// <summary>
/// The callback's CPU cost: verify + decrypt + parse of a 1 KB and a 16 KB event, beside the floor, the bare SHA-1 and
/// AES-256-CBC over the same bytes. Goal: at most 3x the floor.
/// </summary>
[MemoryDiagnoser]
public class CallbackBenchmarks
{
    private const string Token = "QDG6eK";
    private const string AesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string CorpId = "wx5823bf96d3bd56c7";

    private readonly CallbackReceiver _receiver = CallbackReceiver.Create("contacts", Token, AesKey, CorpId);
    private byte[] _key = [];
    private byte[] _cipher = [];
    private string _encrypt = string.Empty;
    private CallbackQuery _query = null!;
    private Aes _aes = null!;

    [Params(1024, 16 * 1024)]
    public int EventBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _key = WeComCallbackCrypto.DecodeAesKey(AesKey);
        var plaintext = EventOfSize(EventBytes);
        _encrypt = WeComCallbackCrypto.Encrypt(_key, Encoding.UTF8.GetBytes(plaintext), CorpId);
        _cipher = Convert.FromBase64String(_encrypt);
        _query = new CallbackQuery(WeComCallbackCrypto.ComputeSignature(Token, "1409659813", "1372623149", _encrypt), "1409659813", "1372623149", null);
        _aes = Aes.Create();
        _aes.Key = _key;
    }

    [GlobalCleanup]
    public void Cleanup() => _aes.Dispose();

    [Benchmark(Baseline = true, Description = "floor: SHA-1 + AES-256-CBC")]
    public int Floor()
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(Token, "1409659813", "1372623149", _encrypt)));
        var plain = _aes.DecryptCbc(_cipher, _key.AsSpan(0, 16), PaddingMode.None);
        return hash[0] + plain[^1];
    }

    [Benchmark(Description = "verify + decrypt + parse (endpoint)")]
    public int VerifyDecryptParse()
    {
        var decrypted = CallbackVerifier.Open(_receiver, _query, _encrypt, maxSkewSeconds: 0, DateTimeOffset.UnixEpoch);
        var weComEvent = WeComEventParser.ParseHeader(decrypted.Message);
        return weComEvent.Fields.Count;
    }

    [Benchmark(Description = "full typed parse (processor)")]
    public int FullParse()
    {
        var decrypted = CallbackVerifier.Open(_receiver, _query, _encrypt, maxSkewSeconds: 0, DateTimeOffset.UnixEpoch);
        return WeComEventParser.Parse(decrypted.Message).Lists.Count;
    }

    internal static string EventOfSize(int bytes)
    {
        var builder = new StringBuilder("<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>" +
            "<CreateTime>1409659813</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]></Event>" +
            "<ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId><ChangeType><![CDATA[update]]></ChangeType>" +
            "<UpdateDetail><![CDATA[add_member]]></UpdateDetail><MemChangeList>");
        var i = 0;
        while (Encoding.UTF8.GetByteCount(builder.ToString()) < bytes - 120)
        {
            builder.Append("<Item><![CDATA[wmEAlECwAAHxeWmEAlECwAAHx").Append(i++).Append("]]></Item>");
        }

        builder.Append("</MemChangeList><LastMemVer>9c3f97c2ada667dfb5f6d03308d963e1</LastMemVer><CurMemVer>71217227bbd112ecfe3a49c482195cb4</CurMemVer></xml>");
        return builder.ToString();
    }
}
