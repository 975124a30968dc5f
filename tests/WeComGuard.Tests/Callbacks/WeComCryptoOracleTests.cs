using System.Text;
using System.Text.Json.Nodes;
using WeComGuard.Core.Callbacks;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Callbacks;

/// <summary>The official @wecom/crypto npm package as an independent check of WeCom Guard's crypto, in both directions.</summary>
[Trait("Needs", "Node")]
public sealed class WeComCryptoOracleTests
{
    private const string Token = "kjr2TKI8umCBfVF3wAHk8JiPwma5VBme";
    private const string AesKey = "4Ma3YBrSBbX2aez8MJpXGBne5LSDwgGqHbhM9WPYIws";
    private const string CorpId = "ww6a112864f8022910";

    // Sizes around every 32-byte block boundary (with the 20-byte header and 18-byte corp id), plus Chinese and random text.
    private static IEnumerable<string> Messages()
    {
        var random = new Random(20261129);
        string[] alphabet = ["a", "b", "X", "Z", "0", "9", " ", "<", ">", "&", "\"", "'", "企", "业", "微", "信", "通", "讯", "录", "🙂", "\n", "\t"];
        foreach (var size in new[] { 0, 1, 2, 15, 16, 17, 23, 24, 25, 26, 31, 32, 33, 55, 56, 57, 63, 64, 65, 100, 255, 256, 1000, 4096, 16384 })
        {
            var builder = new StringBuilder();
            while (Encoding.UTF8.GetByteCount(builder.ToString()) < size)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            yield return builder.ToString();
        }

        yield return "<xml><ToUserName><![CDATA[ww6a112864f8022910]]></ToUserName><Content><![CDATA[你好，世界]]></Content></xml>";
    }

    [Fact]
    public async Task Ciphertexts_from_wecom_crypto_are_verified_and_decrypted_by_WeCom_Guard()
    {
        var messages = Messages().ToList();
        var operations = new JsonArray(messages.Select((m, i) => (JsonNode)new JsonObject
        {
            ["op"] = "encrypt", ["key"] = AesKey, ["message"] = m, ["id"] = CorpId,
            ["token"] = Token, ["timestamp"] = (1583940690 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), ["nonce"] = "VHh7ymSeb0jc4lSb",
        }).ToArray());

        var results = await WeComCryptoOracle.RunAsync(operations);

        var receiver = CallbackReceiver.Create("contacts", Token, AesKey, CorpId);
        for (var i = 0; i < messages.Count; i++)
        {
            var encrypt = results[i]!["encrypt"]!.GetValue<string>();
            var query = new CallbackQuery(results[i]!["signature"]!.GetValue<string>(), operations[i]!["timestamp"]!.GetValue<string>(), "VHh7ymSeb0jc4lSb", null);
            var decrypted = CallbackVerifier.Open(receiver, query, encrypt, maxSkewSeconds: 0, DateTimeOffset.UtcNow);
            Assert.Equal(messages[i], Encoding.UTF8.GetString(decrypted.Message));
            Assert.Equal(CorpId, decrypted.ReceiveId);
        }
    }

    [Fact]
    public async Task Ciphertexts_and_signatures_from_WeCom_Guard_are_accepted_by_wecom_crypto()
    {
        var key = WeComCallbackCrypto.DecodeAesKey(AesKey);
        var messages = Messages().ToList();
        var encrypted = messages.Select(m => WeComCallbackCrypto.Encrypt(key, Encoding.UTF8.GetBytes(m), CorpId)).ToList();
        var operations = new JsonArray(encrypted.SelectMany(e => new JsonNode[]
        {
            new JsonObject { ["op"] = "decrypt", ["key"] = AesKey, ["encrypt"] = e },
            new JsonObject { ["op"] = "sign", ["token"] = Token, ["timestamp"] = "1583940690", ["nonce"] = "VHh7ymSeb0jc4lSb", ["encrypt"] = e },
        }).ToArray());

        var results = await WeComCryptoOracle.RunAsync(operations);

        for (var i = 0; i < messages.Count; i++)
        {
            Assert.Equal(messages[i], results[2 * i]!["message"]!.GetValue<string>());
            Assert.Equal(CorpId, results[2 * i]!["id"]!.GetValue<string>());
            Assert.Equal(WeComCallbackCrypto.ComputeSignature(Token, "1583940690", "VHh7ymSeb0jc4lSb", encrypted[i]), results[(2 * i) + 1]!["signature"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_oracle_reproduces_the_go_workwx_vector_C_signature()
    {
        var results = await WeComCryptoOracle.RunAsync(new JsonArray(new JsonObject
        {
            ["op"] = "sign", ["token"] = Token, ["timestamp"] = "1583940690", ["nonce"] = "VHh7ymSeb0jc4lSb",
            ["encrypt"] = "6KmUQuPVu7UhjyVqRdbo5SfcRqaHvbUlKSHFvBV2ZuR6TIlKsygcfeSd1GDplg1C5KSKr6UPHCaC/nIX3ZNt9w==",
        }));

        Assert.Equal("1ba3cb09c0d2c2b3ed6900d37f91a6efae6cb011", results[0]!["signature"]!.GetValue<string>());
        var decrypted = WeComCallbackCrypto.Decrypt(WeComCallbackCrypto.DecodeAesKey(AesKey), "6KmUQuPVu7UhjyVqRdbo5SfcRqaHvbUlKSHFvBV2ZuR6TIlKsygcfeSd1GDplg1C5KSKr6UPHCaC/nIX3ZNt9w==");
        Assert.Equal("94966531020182955848408", Encoding.UTF8.GetString(decrypted.Message));
        Assert.Equal(CorpId, decrypted.ReceiveId);
    }
}
