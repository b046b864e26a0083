using System.Buffers.Binary;
using System.Numerics;

namespace OpenDaemon.Ipc.Hashing;

/// <summary>
/// SHA-256 (FIPS 180-4) in managed code, for the hashes the daemon and the CLI use as names and chain links:
/// the audit log's chain, the cgroup subtree and runtime directory names, log cursors, token ids. .NET's own
/// <c>SHA256</c> calls OpenSSL on Linux, and loading libcrypto and libssl for those alone cost the idle
/// daemon 3.7 MB of resident memory and a few milliseconds of its start. Where OpenSSL is loaded anyway
/// (TLS for the API or the cluster proxy) nothing here is used instead of it.
/// </summary>
/// <remarks>
/// Its timing depends only on the input's length, never on its bytes (no table is indexed by data), so it may
/// hash secrets before a constant-time comparison. Thread-safe: no state outside the call.
/// </remarks>
public static class Sha256
{
    /// <summary>The size of a digest.</summary>
    public const int HashSizeInBytes = 32;

    private const int BlockSize = 64;

    private static ReadOnlySpan<uint> RoundConstants =>
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

    /// <summary>The digest of <paramref name="data"/>.</summary>
    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        var digest = new byte[HashSizeInBytes];
        HashData(data, digest);
        return digest;
    }

    /// <summary>Writes the digest of <paramref name="data"/> to the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, HashSizeInBytes);
        Span<uint> state = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
        Span<uint> schedule = stackalloc uint[64];
        int whole = data.Length / BlockSize * BlockSize;
        for (int offset = 0; offset < whole; offset += BlockSize)
        {
            Compress(state, data.Slice(offset, BlockSize), schedule);
        }

        // The rest, a 1 bit, zeros, and the length in bits as a big-endian 64-bit number: one or two blocks.
        Span<byte> tail = stackalloc byte[2 * BlockSize];
        tail.Clear();
        ReadOnlySpan<byte> rest = data[whole..];
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        int tailLength = rest.Length + 1 + sizeof(ulong) <= BlockSize ? BlockSize : 2 * BlockSize;
        BinaryPrimitives.WriteUInt64BigEndian(tail.Slice(tailLength - sizeof(ulong)), (ulong)data.Length * 8);
        for (int offset = 0; offset < tailLength; offset += BlockSize)
        {
            Compress(state, tail.Slice(offset, BlockSize), schedule);
        }

        for (int i = 0; i < state.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(i * sizeof(uint)), state[i]);
        }
    }

    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block, Span<uint> w)
    {
        for (int t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(t * sizeof(uint)));
        }

        for (int t = 16; t < 64; t++)
        {
            uint s0 = BitOperations.RotateRight(w[t - 15], 7) ^ BitOperations.RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
            uint s1 = BitOperations.RotateRight(w[t - 2], 17) ^ BitOperations.RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 64; t++)
        {
            uint sum1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            uint choose = (e & f) ^ (~e & g);
            uint first = h + sum1 + choose + RoundConstants[t] + w[t];
            uint sum0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            uint majority = (a & b) ^ (a & c) ^ (b & c);
            uint second = sum0 + majority;
            (h, g, f, e, d, c, b, a) = (g, f, e, d + first, c, b, a, first + second);
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
