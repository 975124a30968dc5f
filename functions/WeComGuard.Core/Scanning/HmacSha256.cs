using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// HMAC-SHA256 (RFC 2104, FIPS 180-4) with the key's inner and outer pad blocks hashed once: a fingerprint of a short value
/// is then two compressions in managed code, where a call into the platform's HMAC costs more than the hashing itself
/// (a dense file has one fingerprint per kilobyte). Equal to <see cref="HMACSHA256"/> (checked by the tests).
/// </summary>
internal sealed class HmacSha256
{
    private const int BlockBytes = 64;

    private static readonly uint[] K =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] InitialState =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    private readonly uint[] _inner = new uint[8];
    private readonly uint[] _outer = new uint[8];

    public HmacSha256(ReadOnlySpan<byte> key)
    {
        Span<byte> block = stackalloc byte[BlockBytes];
        block.Clear();
        if (key.Length > BlockBytes)
        {
            SHA256.HashData(key, block);
        }
        else
        {
            key.CopyTo(block);
        }

        Span<byte> pad = stackalloc byte[BlockBytes];
        for (var i = 0; i < BlockBytes; i++)
        {
            pad[i] = (byte)(block[i] ^ 0x36);
        }

        InitialState.CopyTo(_inner, 0);
        Compress(_inner, pad);
        for (var i = 0; i < BlockBytes; i++)
        {
            pad[i] = (byte)(block[i] ^ 0x5c);
        }

        InitialState.CopyTo(_outer, 0);
        Compress(_outer, pad);
    }

    /// <summary>HMAC-SHA256 of <paramref name="message"/> into <paramref name="destination"/> (32 bytes).</summary>
    public void Compute(ReadOnlySpan<byte> message, Span<byte> destination)
    {
        Span<uint> state = stackalloc uint[8];
        _inner.CopyTo(state);
        Span<byte> innerHash = stackalloc byte[32];
        Finish(state, message, BlockBytes, innerHash);
        _outer.CopyTo(state);
        Finish(state, innerHash, BlockBytes, destination);
    }

    /// <summary>Hashes <paramref name="message"/> after <paramref name="prefixBytes"/> already in <paramref name="state"/>, with the final padding.</summary>
    private static void Finish(Span<uint> state, ReadOnlySpan<byte> message, long prefixBytes, Span<byte> destination)
    {
        var bitLength = (prefixBytes + message.Length) * 8;
        while (message.Length >= BlockBytes)
        {
            Compress(state, message[..BlockBytes]);
            message = message[BlockBytes..];
        }

        Span<byte> last = stackalloc byte[2 * BlockBytes];
        last.Clear();
        message.CopyTo(last);
        last[message.Length] = 0x80;
        var blocks = message.Length + 9 <= BlockBytes ? 1 : 2;
        BinaryPrimitives.WriteInt64BigEndian(last.Slice((blocks * BlockBytes) - 8, 8), bitLength);
        for (var b = 0; b < blocks; b++)
        {
            Compress(state, last.Slice(b * BlockBytes, BlockBytes));
        }

        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(i * 4, 4), state[i]);
        }
    }

    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (var i = 0; i < 16; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(i * 4, 4));
        }

        for (var i = 16; i < 64; i++)
        {
            var s0 = BitOperations.RotateRight(w[i - 15], 7) ^ BitOperations.RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
            var s1 = BitOperations.RotateRight(w[i - 2], 17) ^ BitOperations.RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (var i = 0; i < 64; i++)
        {
            var s1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            var choice = (e & f) ^ (~e & g);
            var t1 = h + s1 + choice + K[i] + w[i];
            var s0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            var majority = (a & b) ^ (a & c) ^ (b & c);
            var t2 = s0 + majority;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
