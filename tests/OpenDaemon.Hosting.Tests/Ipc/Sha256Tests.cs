using System.Text;
using OpenDaemon.Ipc.Hashing;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>The managed SHA-256 against the standard's test vectors and against .NET's own (OpenSSL's) for every length around the block edges.</summary>
public sealed class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void HashData_StandardVectors(string message, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(Sha256.HashData(Encoding.ASCII.GetBytes(message))));

    [Fact]
    public void HashData_EveryLengthUpTo300_AndAMegabyte_AsDotNetsOwn()
    {
        var random = new Random(42);
        foreach (var length in Enumerable.Range(0, 301).Append(1 << 20))
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), Sha256.HashData(data));
        }
    }

    [Fact]
    public void HashData_IntoASpan_WritesTheFirst32Bytes()
    {
        Span<byte> destination = stackalloc byte[40];
        destination.Fill(0xEE);

        Sha256.HashData("abc"u8, destination);

        Assert.Equal(Sha256.HashData("abc"u8), destination[..32].ToArray());
        Assert.All(destination[32..].ToArray(), b => Assert.Equal(0xEE, b));
    }
}
