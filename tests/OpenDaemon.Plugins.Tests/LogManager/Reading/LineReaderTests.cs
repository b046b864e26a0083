using System.Text;
using OpenDaemon.Plugins.LogManager.Reading;

namespace OpenDaemon.Plugins.Tests.LogManager.Reading;

public sealed class LineReaderTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData("a\n", new[] { "a" })]
    [InlineData("\n", new[] { "" })]
    [InlineData("a\n\nb\n", new[] { "a", "", "b" })]
    [InlineData("a\r\nb\r\n", new[] { "a", "b" })]
    [InlineData("a\nb\ntorn", new[] { "a", "b", "torn" })]
    public void Lines_SmallInputs_ForwardAndBackwardAgree(string content, string[] expected)
    {
        var bytes = Encoding.UTF8.GetBytes(content);

        Assert.Equal(expected, Forward(bytes));
        Assert.Equal(expected.Reverse(), Backward(bytes));
    }

    [Fact]
    public void Lines_LinesLongerThanABlock_AreWholeInBothDirections()
    {
        var random = new Random(42);
        var lines = Enumerable.Range(0, 200)
            .Select(i => new string((char)('a' + (i % 26)), random.Next(0, i % 10 == 0 ? 3 * LogLines.BlockSize : 300)))
            .ToList();
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

        Assert.Equal(lines, Forward(bytes));
        Assert.Equal(Enumerable.Reverse(lines), Backward(bytes));
    }

    [Fact]
    public void Lines_ALineOverTheCap_IsCutToItsStartAndTheNextLineSurvives()
    {
        var huge = new byte[LogLines.MaxLineBytes + LogLines.BlockSize + 17];
        huge.AsSpan().Fill((byte)'x');
        huge[0] = (byte)'S';
        byte[] bytes = [.. "first\n"u8, .. huge, .. "\nlast\n"u8];

        var forward = Forward(bytes);
        var backward = Backward(bytes);

        Assert.Equal(3, forward.Count);
        Assert.Equal(forward, backward.AsEnumerable().Reverse());
        Assert.Equal(LogLines.MaxLineBytes, forward[1].Length);
        Assert.StartsWith("S", forward[1], StringComparison.Ordinal);
        Assert.Equal(["first", "last"], new[] { forward[0], forward[2] });
    }

    [Fact]
    public void Backward_TheLastLinesOfALargeStream_ReadsOnlyItsTail()
    {
        var content = new StringBuilder();
        for (var i = 0; i < 200_000; i++)
        {
            content.Append("line ").Append(i).Append('\n');
        }

        using var stream = new CountingStream(Encoding.UTF8.GetBytes(content.ToString()));

        var last = BackwardLineReader.Lines(stream, CancellationToken.None).Take(15).Select(line => Encoding.UTF8.GetString(line.Span)).ToList();

        Assert.Equal(Enumerable.Range(200_000 - 15, 15).Reverse().Select(i => $"line {i}"), last);
        Assert.True(stream.BytesRead <= LogLines.BlockSize, $"read {stream.BytesRead} of {stream.Length} bytes");
    }

    private static List<string> Forward(byte[] bytes) =>
        [.. ForwardLineReader.Lines(new MemoryStream(bytes), CancellationToken.None).Select(line => Encoding.UTF8.GetString(line.Span))];

    private static List<string> Backward(byte[] bytes) =>
        [.. BackwardLineReader.Lines(new MemoryStream(bytes), CancellationToken.None).Select(line => Encoding.UTF8.GetString(line.Span))];

    // A derived MemoryStream routes Read(Span) through Read(byte[], ...), so counting there counts everything.
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }
    }
}
