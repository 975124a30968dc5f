using WeComGuard.Core.Callbacks;

namespace WeComGuard.Tests.Callbacks;

/// <summary>
/// msg_signature is 40 ASCII hex digits and nothing else (issue 11 item 12): characters that lowercase and truncate to
/// a byte equal to a hex digit (U+0131 → 0x31 '1', U+0335 → 0x35 '5', U+0162 → U+0163 → 0x63 'c') are refused.
/// </summary>
public sealed class SignatureCharacterTests
{
    private const string Signature = TencentVectors.A.GetSignature; // 5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3

    [Theory]
    [InlineData('1', '\u0131')] // LATIN SMALL LETTER DOTLESS I (Turkish ı)
    [InlineData('5', '\u0335')] // COMBINING SHORT STROKE OVERLAY
    [InlineData('c', '\u0162')] // LATIN CAPITAL LETTER T WITH CEDILLA, lowercased to U+0163
    [InlineData('e', '\u0165')] // LATIN SMALL LETTER T WITH CARON
    [InlineData('f', '\uFF46')] // FULLWIDTH LATIN SMALL LETTER F: 0x46 'F', never equal to the lowercase 'f'
    [InlineData('9', '\u0669')] // ARABIC-INDIC DIGIT NINE
    public void A_signature_with_a_non_ASCII_stand_in_for_a_hex_digit_is_refused(char digit, char standIn)
    {
        var index = Signature.IndexOf(digit, StringComparison.Ordinal);
        var forged = string.Concat(Signature.AsSpan(0, index), standIn.ToString(), Signature.AsSpan(index + 1));

        Assert.Equal(Signature.Length, forged.Length);
        Assert.False(WeComCallbackCrypto.VerifySignature(TencentVectors.A.Token, TencentVectors.A.GetTimestamp, TencentVectors.A.GetNonce, TencentVectors.A.EchoStr, forged));
    }

    [Fact]
    public void The_stand_ins_map_to_hex_digits_under_lowercase_and_byte_truncation()
    {
        // Why the characters above were accepted before: (byte)char.ToLowerInvariant(c) is the digit they replace.
        Assert.Equal((byte)'1', (byte)char.ToLowerInvariant('\u0131'));
        Assert.Equal((byte)'5', (byte)char.ToLowerInvariant('\u0335'));
        Assert.Equal((byte)'c', (byte)char.ToLowerInvariant('\u0162'));
        Assert.Equal((byte)'e', (byte)char.ToLowerInvariant('\u0165'));
    }

    [Fact]
    public void Upper_and_mixed_case_ASCII_hex_is_still_accepted()
    {
        var mixed = string.Concat(Signature.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c));

        Assert.True(WeComCallbackCrypto.VerifySignature(TencentVectors.A.Token, TencentVectors.A.GetTimestamp, TencentVectors.A.GetNonce, TencentVectors.A.EchoStr, Signature.ToUpperInvariant()));
        Assert.True(WeComCallbackCrypto.VerifySignature(TencentVectors.A.Token, TencentVectors.A.GetTimestamp, TencentVectors.A.GetNonce, TencentVectors.A.EchoStr, mixed));
    }

    [Fact]
    public void Url_verification_with_a_dotless_i_for_a_one_is_refused_as_a_signature_mismatch()
    {
        var receiver = CallbackReceiver.Create("contacts", TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId);
        var forged = Signature.Replace('1', '\u0131');
        var query = new CallbackQuery(forged, TencentVectors.A.GetTimestamp, TencentVectors.A.GetNonce, TencentVectors.A.EchoStr);

        var error = Assert.Throws<WeComCryptoException>(() => CallbackVerifier.Open(receiver, query, TencentVectors.A.EchoStr, 0, DateTimeOffset.UnixEpoch));

        Assert.Equal(CallbackRefusalReason.SignatureMismatch, error.Reason);
    }
}
