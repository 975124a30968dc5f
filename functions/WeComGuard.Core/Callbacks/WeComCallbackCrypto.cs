using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace WeComGuard.Core.Callbacks;

/// <summary>
/// WeCom's callback crypto (加解密方案): the SHA-1 <c>msg_signature</c> and AES-256-CBC with IV = key[0..16) and PKCS#7
/// padding over 32-byte blocks around <c>random(16) + msg_len(4, big-endian) + msg + receiveid</c>.
/// </summary>
/// <remarks>
/// .NET's <see cref="PaddingMode.PKCS7"/> only accepts pads up to the 16-byte AES block, while WeCom pads to 32 bytes
/// (Tencent's own vector has a 30-byte pad), so padding is added and removed here, checking every pad byte.
/// </remarks>
public static class WeComCallbackCrypto
{
    private const int PadBlockSize = 32;
    private const int RandomLength = 16;
    private const int HeaderLength = RandomLength + 4;

    /// <summary>Lowercase hex SHA-1 over the ordinally sorted concatenation of token, timestamp, nonce and the ciphertext.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "WeCom's callback protocol defines msg_signature as SHA-1.")]
    public static string ComputeSignature(string token, string timestamp, string nonce, string encrypted)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encrypted);
        string[] parts = [token, timestamp, nonce, encrypted];
        Array.Sort(parts, StringComparer.Ordinal);
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts)));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Checks <paramref name="signature"/> in constant time (for signatures of the expected length). Only the 40 ASCII
    /// hex digits [0-9a-fA-F] are accepted: any other character, however it folds or truncates, is a mismatch.
    /// </summary>
    public static bool VerifySignature(string token, string timestamp, string nonce, string encrypted, string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var expected = Encoding.ASCII.GetBytes(ComputeSignature(token, timestamp, nonce, encrypted));
        Span<byte> given = stackalloc byte[expected.Length];
        if (signature.Length != expected.Length)
        {
            // Still compare, so that a wrong length costs the same as a wrong value.
            CryptographicOperations.FixedTimeEquals(expected, expected);
            return false;
        }

        // No early exit on a bad character, so that where the first one sits does not show in the timing.
        var notHex = 0;
        for (var i = 0; i < signature.Length; i++)
        {
            var c = signature[i];
            notHex |= char.IsAsciiHexDigit(c) ? 0 : 1;
            // ASCII 'A'-'F' | 0x20 is 'a'-'f'; digits already have the bit. Non-hex characters are refused above.
            given[i] = (byte)(c | 0x20);
        }

        return CryptographicOperations.FixedTimeEquals(expected, given) & (notHex == 0);
    }

    /// <summary>Decodes a 43-character EncodingAESKey into the 32-byte AES key.</summary>
    /// <exception cref="WeComCryptoException">The key is not 43 characters of [A-Za-z0-9] (WXBizMsgCrypt -40004).</exception>
    public static byte[] DecodeAesKey(string encodingAesKey)
    {
        if (encodingAesKey is null || encodingAesKey.Length != 43 || !encodingAesKey.All(char.IsAsciiLetterOrDigit))
        {
            throw new WeComCryptoException(CallbackRefusalReason.InvalidAesKey, "The EncodingAESKey must be 43 characters from [A-Za-z0-9].");
        }

        return Convert.FromBase64String(encodingAesKey + "=");
    }

    /// <summary>Decrypts a callback ciphertext into the message bytes and the receive id it carries.</summary>
    /// <exception cref="WeComCryptoException">Bad base64, bad block length, bad padding or a bad length field.</exception>
    public static DecryptedCallback Decrypt(ReadOnlySpan<byte> aesKey, string encrypted)
    {
        if (aesKey.Length != 32)
        {
            throw new WeComCryptoException(CallbackRefusalReason.InvalidAesKey, "The AES key must be 32 bytes.");
        }

        ArgumentNullException.ThrowIfNull(encrypted);
        byte[] cipher;
        try
        {
            // Query strings decode '+' as a space; a space is never valid base64, so it can only have been a '+'.
            cipher = Convert.FromBase64String(encrypted.Replace(' ', '+'));
        }
        catch (FormatException)
        {
            throw new WeComCryptoException(CallbackRefusalReason.Base64DecodeFailed, "The ciphertext is not valid base64.");
        }

        return Decrypt(aesKey, cipher);
    }

    /// <summary>Decrypts a callback ciphertext already base64-decoded (as events are recorded).</summary>
    /// <exception cref="WeComCryptoException">Bad block length, bad padding or a bad length field.</exception>
    public static DecryptedCallback Decrypt(ReadOnlySpan<byte> aesKey, byte[] cipher)
    {
        if (aesKey.Length != 32)
        {
            throw new WeComCryptoException(CallbackRefusalReason.InvalidAesKey, "The AES key must be 32 bytes.");
        }

        ArgumentNullException.ThrowIfNull(cipher);
        if (cipher.Length == 0 || cipher.Length % PadBlockSize != 0)
        {
            throw new WeComCryptoException(CallbackRefusalReason.DecryptFailed, "The ciphertext length is not a multiple of 32 bytes.");
        }

        byte[] plain;
        using (var aes = Aes.Create())
        {
            aes.Key = aesKey.ToArray();
            plain = aes.DecryptCbc(cipher, aesKey[..16], PaddingMode.None);
        }

        try
        {
            int pad = plain[^1];
            if (pad < 1 || pad > PadBlockSize)
            {
                throw new WeComCryptoException(CallbackRefusalReason.IllegalBuffer, "The padding is invalid.");
            }

            var bad = 0;
            for (var i = plain.Length - pad; i < plain.Length; i++)
            {
                bad |= plain[i] ^ pad;
            }

            if (bad != 0)
            {
                throw new WeComCryptoException(CallbackRefusalReason.IllegalBuffer, "The padding is invalid.");
            }

            var content = plain.AsSpan(0, plain.Length - pad);
            if (content.Length < HeaderLength)
            {
                throw new WeComCryptoException(CallbackRefusalReason.IllegalBuffer, "The decrypted content is shorter than its header.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(content.Slice(RandomLength, 4));
            if (length > (uint)(content.Length - HeaderLength))
            {
                throw new WeComCryptoException(CallbackRefusalReason.IllegalBuffer, "The length field exceeds the decrypted content.");
            }

            var message = content.Slice(HeaderLength, (int)length).ToArray();
            var receiveId = Encoding.UTF8.GetString(content[(HeaderLength + (int)length)..]);
            return new DecryptedCallback(message, receiveId, cipher);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Encrypts a message as WeCom does. <paramref name="random"/> (16 bytes) is drawn from a CSPRNG when omitted.</summary>
    public static string Encrypt(ReadOnlySpan<byte> aesKey, ReadOnlySpan<byte> message, string receiveId, ReadOnlySpan<byte> random = default)
    {
        if (aesKey.Length != 32)
        {
            throw new WeComCryptoException(CallbackRefusalReason.InvalidAesKey, "The AES key must be 32 bytes.");
        }

        ArgumentNullException.ThrowIfNull(receiveId);
        if (!random.IsEmpty && random.Length != RandomLength)
        {
            throw new ArgumentException("The random prefix must be 16 bytes.", nameof(random));
        }

        var id = Encoding.UTF8.GetBytes(receiveId);
        var unpadded = HeaderLength + message.Length + id.Length;
        var pad = PadBlockSize - (unpadded % PadBlockSize);
        var plain = new byte[unpadded + pad];
        if (random.IsEmpty)
        {
            RandomNumberGenerator.Fill(plain.AsSpan(0, RandomLength));
        }
        else
        {
            random.CopyTo(plain);
        }

        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(RandomLength, 4), (uint)message.Length);
        message.CopyTo(plain.AsSpan(HeaderLength));
        id.CopyTo(plain.AsSpan(HeaderLength + message.Length));
        plain.AsSpan(unpadded).Fill((byte)pad);

        using var aes = Aes.Create();
        aes.Key = aesKey.ToArray();
        var cipher = aes.EncryptCbc(plain, aesKey[..16], PaddingMode.None);
        CryptographicOperations.ZeroMemory(plain);
        return Convert.ToBase64String(cipher);
    }
}
