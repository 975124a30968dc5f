using System.Security.Cryptography;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

public sealed class HmacSha256Tests
{
    [Fact]
    public void Equals_the_platform_hmac_for_keys_and_messages_of_every_block_length()
    {
        var random = new Random(12);
        foreach (var keyLength in new[] { 1, 16, 63, 64, 65, 200 })
        {
            var key = new byte[keyLength];
            random.NextBytes(key);
            var hmac = new HmacSha256(key);
            for (var messageLength = 0; messageLength <= 300; messageLength++)
            {
                var message = new byte[messageLength];
                random.NextBytes(message);
                var actual = new byte[32];
                hmac.Compute(message, actual);
                Assert.Equal(HMACSHA256.HashData(key, message), actual);
            }
        }
    }

    [Fact]
    public void A_fingerprint_is_the_hex_hmac_of_the_canonical_value()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("k"u8, "110101199003071233"u8));
        Assert.Equal(expected, new FindingFingerprinter("k").Fingerprint("110101199003071233"));
    }
}
