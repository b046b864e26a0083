using System.Text;
using OpenDaemon.Plugins.LogManager.Writing;

namespace OpenDaemon.Plugins.Tests.LogManager.Writing;

public sealed class LineSplitterTests
{
    [Fact]
    public void Split_CrLf_LinesWithoutCarriageReturn()
    {
        var lines = Feed("one\r\ntwo\r\nthree\n");

        Assert.Equal(["one", "two", "three"], lines);
    }

    [Fact]
    public void Split_LineAcrossChunks_AssembledWhole()
    {
        var lines = Feed("first\nsec", "ond ha", "lf\r", "\nlast\n");

        Assert.Equal(["first", "second half", "last"], lines);
    }

    [Fact]
    public void Split_EmptyLines_Kept()
    {
        var lines = Feed("\n\na\n\r\n", "\n");

        Assert.Equal(["", "", "a", "", ""], lines);
    }

    [Fact]
    public void TryComplete_LastLineWithoutNewline_Returned()
    {
        using var splitter = new LineSplitter();
        var lines = Collect(splitter, "a\nb");

        Assert.True(splitter.TryComplete(out var last));
        Assert.Equal(["a"], lines);
        Assert.Equal("b", Encoding.UTF8.GetString(last));
        Assert.False(splitter.TryComplete(out _));
    }

    [Fact]
    public void Split_ThreeMebibyteLineInSmallChunks_PiecesOfOneMebibyteKeepEveryByte()
    {
        var line = new byte[(3 * LineSplitter.MaxLineLength) + 1000];
        for (var i = 0; i < line.Length; i++)
        {
            line[i] = (byte)('a' + (i % 26));
        }

        var input = new byte[line.Length + 6];
        line.CopyTo(input, 0);
        "\nnext\n"u8.CopyTo(input.AsSpan(line.Length));
        using var splitter = new LineSplitter();
        var pieces = new List<byte[]>();
        for (var at = 0; at < input.Length; at += 65536)
        {
            foreach (var piece in splitter.Split(input.AsSpan(at, Math.Min(65536, input.Length - at))))
            {
                pieces.Add(piece.ToArray());
            }
        }

        Assert.Equal([LineSplitter.MaxLineLength, LineSplitter.MaxLineLength, LineSplitter.MaxLineLength, 1000, 4], pieces.Select(piece => piece.Length));
        Assert.True(line.AsSpan().SequenceEqual(pieces.Take(4).SelectMany(piece => piece).ToArray()), "bytes lost or changed");
        Assert.False(splitter.TryComplete(out _));
    }

    [Fact]
    public void Split_LineOfExactlyMaxLengthInOneChunk_OneLine()
    {
        byte[] input = [.. new byte[LineSplitter.MaxLineLength], (byte)'\n'];
        using var splitter = new LineSplitter();
        var lengths = new List<int>();
        foreach (var piece in splitter.Split(input))
        {
            lengths.Add(piece.Length);
        }

        Assert.Equal([LineSplitter.MaxLineLength], lengths);
    }

    [Fact]
    public void Split_ByteByByte_SameLinesAsOneChunk()
    {
        const string Text = "alpha\r\nbeta\n\ngamma é\n";

        var whole = Feed(Text);
        var byteByByte = Feed([.. Encoding.UTF8.GetBytes(Text).Select(b => Encoding.Latin1.GetString([b]))], latin1: true);

        Assert.Equal(whole, byteByByte);
    }

    private static List<string> Feed(params string[] chunks) => Feed(chunks, latin1: false);

    private static List<string> Feed(string[] chunks, bool latin1)
    {
        using var splitter = new LineSplitter();
        var lines = new List<string>();
        foreach (var chunk in chunks)
        {
            var bytes = latin1 ? Encoding.Latin1.GetBytes(chunk) : Encoding.UTF8.GetBytes(chunk);
            foreach (var line in splitter.Split(bytes))
            {
                lines.Add(Encoding.UTF8.GetString(line));
            }
        }

        if (splitter.TryComplete(out var last))
        {
            lines.Add(Encoding.UTF8.GetString(last));
        }

        return lines;
    }

    private static List<string> Collect(LineSplitter splitter, string chunk)
    {
        var lines = new List<string>();
        foreach (var line in splitter.Split(Encoding.UTF8.GetBytes(chunk)))
        {
            lines.Add(Encoding.UTF8.GetString(line));
        }

        return lines;
    }
}
