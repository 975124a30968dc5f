using System.Text;
using WeComGuard.Core.Callbacks;

namespace WeComGuard.Tests.Callbacks;

public sealed class WeComCallbackCryptoTests
{
    [Theory]
    [InlineData(TencentVectors.A.Token, TencentVectors.A.GetTimestamp, TencentVectors.A.GetNonce, TencentVectors.A.EchoStr, TencentVectors.A.GetSignature)]
    [InlineData(TencentVectors.A.Token, TencentVectors.A.PostTimestamp, TencentVectors.A.PostNonce, TencentVectors.A.PostEncrypt, TencentVectors.A.PostSignature)]
    [InlineData(TencentVectors.B.Token, TencentVectors.B.GetTimestamp, TencentVectors.B.GetNonce, TencentVectors.B.EchoStr, TencentVectors.B.GetSignature)]
    [InlineData(TencentVectors.B.Token, TencentVectors.B.PostTimestamp, TencentVectors.B.PostNonce, TencentVectors.B.PostEncrypt, TencentVectors.B.PostSignature)]
    public void Signature_matches_Tencents_vectors(string token, string timestamp, string nonce, string encrypted, string signature)
    {
        Assert.Equal(signature, WeComCallbackCrypto.ComputeSignature(token, timestamp, nonce, encrypted));
        Assert.True(WeComCallbackCrypto.VerifySignature(token, timestamp, nonce, encrypted, signature));
        Assert.True(WeComCallbackCrypto.VerifySignature(token, timestamp, nonce, encrypted, signature.ToUpperInvariant()));
        Assert.False(WeComCallbackCrypto.VerifySignature(token, timestamp, nonce, encrypted, signature[..^1] + (signature[^1] == '0' ? '1' : '0')));
        Assert.False(WeComCallbackCrypto.VerifySignature(token, timestamp, nonce, encrypted, signature[..^2]));
        Assert.False(WeComCallbackCrypto.VerifySignature(token, timestamp, nonce + "1", encrypted, signature));
    }

    [Theory]
    [InlineData(TencentVectors.A.EncodingAesKey, TencentVectors.A.EchoStr, TencentVectors.A.EchoPlaintext, TencentVectors.A.CorpId)]
    [InlineData(TencentVectors.A.EncodingAesKey, TencentVectors.A.PostEncrypt, TencentVectors.A.PostPlaintext, TencentVectors.A.CorpId)]
    [InlineData(TencentVectors.B.EncodingAesKey, TencentVectors.B.EchoStr, TencentVectors.B.EchoPlaintext, TencentVectors.B.CorpId)]
    [InlineData(TencentVectors.B.EncodingAesKey, TencentVectors.B.PostEncrypt, TencentVectors.B.PostPlaintext, TencentVectors.B.CorpId)]
    public void Decrypt_recovers_Tencents_plaintexts(string encodingAesKey, string encrypted, string plaintext, string receiveId)
    {
        var key = WeComCallbackCrypto.DecodeAesKey(encodingAesKey);

        var decrypted = WeComCallbackCrypto.Decrypt(key, encrypted);

        Assert.Equal(plaintext, Encoding.UTF8.GetString(decrypted.Message));
        Assert.Equal(receiveId, decrypted.ReceiveId);
    }

    [Fact]
    public void Vector_A_post_has_a_30_byte_pad_that_is_accepted()
    {
        var key = WeComCallbackCrypto.DecodeAesKey(TencentVectors.A.EncodingAesKey);
        var cipher = Convert.FromBase64String(TencentVectors.A.PostEncrypt);
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        var raw = aes.DecryptCbc(cipher, key.AsSpan(0, 16), System.Security.Cryptography.PaddingMode.None);

        Assert.Equal(30, raw[^1]);
        Assert.Equal(TencentVectors.A.PostPlaintext, Encoding.UTF8.GetString(WeComCallbackCrypto.Decrypt(key, TencentVectors.A.PostEncrypt).Message));
    }

    [Fact]
    public void Encrypt_with_the_vectors_random_prefix_reproduces_Tencents_ciphertext()
    {
        var key = WeComCallbackCrypto.DecodeAesKey(TencentVectors.A.EncodingAesKey);

        var encrypted = WeComCallbackCrypto.Encrypt(key, Encoding.UTF8.GetBytes(TencentVectors.A.EchoPlaintext), TencentVectors.A.CorpId, "c41b64491c2468d0"u8);

        Assert.Equal(TencentVectors.A.EchoStr, encrypted);
    }

    [Fact]
    public void Query_decoded_plus_signs_are_read_as_plus()
    {
        var key = WeComCallbackCrypto.DecodeAesKey(TencentVectors.A.EncodingAesKey);

        var decrypted = WeComCallbackCrypto.Decrypt(key, TencentVectors.A.EchoStr.Replace('+', ' '));

        Assert.Equal(TencentVectors.A.EchoPlaintext, Encoding.UTF8.GetString(decrypted.Message));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    public void Encrypt_then_decrypt_round_trips_around_every_block_boundary(int size)
    {
        var key = WeComCallbackCrypto.DecodeAesKey(TencentVectors.B.EncodingAesKey);
        var message = Encoding.UTF8.GetBytes(new string('企', size / 3) + new string('x', size % 3));

        var decrypted = WeComCallbackCrypto.Decrypt(key, WeComCallbackCrypto.Encrypt(key, message, TencentVectors.B.CorpId));

        Assert.Equal(message, decrypted.Message);
        Assert.Equal(TencentVectors.B.CorpId, decrypted.ReceiveId);
    }

    [Theory]
    [InlineData("not base64!!", CallbackRefusalReason.Base64DecodeFailed)]
    [InlineData("AAAA", CallbackRefusalReason.DecryptFailed)]
    public void Decrypt_refuses_malformed_ciphertext(string encrypted, CallbackRefusalReason reason)
    {
        var key = WeComCallbackCrypto.DecodeAesKey(TencentVectors.A.EncodingAesKey);

        var error = Assert.Throws<WeComCryptoException>(() => WeComCallbackCrypto.Decrypt(key, encrypted));

        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Decrypt_with_the_wrong_key_is_refused_as_an_illegal_buffer()
    {
        var wrongKey = WeComCallbackCrypto.DecodeAesKey(TencentVectors.B.EncodingAesKey);

        var error = Assert.Throws<WeComCryptoException>(() => WeComCallbackCrypto.Decrypt(wrongKey, TencentVectors.A.PostEncrypt));

        Assert.Equal(CallbackRefusalReason.IllegalBuffer, error.Reason);
    }

    [Fact]
    public void Decrypt_refuses_a_pad_whose_bytes_disagree()
    {
        var key = WeComCallbackCrypto.DecodeAesKey(TencentVectors.A.EncodingAesKey);
        var plain = new byte[64];
        plain[19] = 4; // length 4
        plain[^1] = 5;
        plain[^2] = 5;
        plain[^3] = 5;
        plain[^4] = 5;
        plain[^5] = 6; // one pad byte differs
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        var cipher = Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), System.Security.Cryptography.PaddingMode.None));

        var error = Assert.Throws<WeComCryptoException>(() => WeComCallbackCrypto.Decrypt(key, cipher));

        Assert.Equal(CallbackRefusalReason.IllegalBuffer, error.Reason);
    }

    [Fact]
    public void Decrypt_refuses_a_length_field_longer_than_the_content()
    {
        var key = WeComCallbackCrypto.DecodeAesKey(TencentVectors.A.EncodingAesKey);
        var plain = new byte[64];
        plain[18] = 1; // length 256 > 44
        plain.AsSpan(60).Fill(4);
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        var cipher = Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), System.Security.Cryptography.PaddingMode.None));

        var error = Assert.Throws<WeComCryptoException>(() => WeComCallbackCrypto.Decrypt(key, cipher));

        Assert.Equal(CallbackRefusalReason.IllegalBuffer, error.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2+")]
    public void DecodeAesKey_refuses_keys_that_are_not_43_alphanumerics(string encodingAesKey)
    {
        var error = Assert.Throws<WeComCryptoException>(() => WeComCallbackCrypto.DecodeAesKey(encodingAesKey));

        Assert.Equal(CallbackRefusalReason.InvalidAesKey, error.Reason);
    }
}
