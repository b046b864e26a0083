using System.Text;
using OpenDaemon.Cli.Monit.Input;

namespace OpenDaemon.Cli.Tests.Monit;

public sealed class KeyParserTests
{
    [Theory]
    [InlineData("\u001b[A", nameof(KeyKind.Up))]
    [InlineData("\u001bOA", nameof(KeyKind.Up))]
    [InlineData("\u001b[B", nameof(KeyKind.Down))]
    [InlineData("\u001bOB", nameof(KeyKind.Down))]
    [InlineData("\u001b[5~", nameof(KeyKind.PageUp))]
    [InlineData("\u001b[6~", nameof(KeyKind.PageDown))]
    [InlineData("\u001b[H", nameof(KeyKind.Home))]
    [InlineData("\u001b[4~", nameof(KeyKind.End))]
    [InlineData("\r", nameof(KeyKind.Enter))]
    [InlineData("\u007f", nameof(KeyKind.Backspace))]
    [InlineData("\u0003", nameof(KeyKind.CtrlC))]
    [InlineData("\u001b", nameof(KeyKind.Escape))]
    public void Parse_KnownSequence_IsOneKey(string input, string expected)
    {
        var keys = KeyParser.Parse(Encoding.UTF8.GetBytes(input));

        Assert.Equal([new TerminalKey(Enum.Parse<KeyKind>(expected))], keys);
    }

    [Fact]
    public void Parse_SeveralKeysInOneRead_KeepsTheirOrder()
    {
        var keys = KeyParser.Parse(Encoding.UTF8.GetBytes("r\u001b[Bs/é"));

        Assert.Equal([TerminalKey.Of('r'), new TerminalKey(KeyKind.Down), TerminalKey.Of('s'), TerminalKey.Of('/'), TerminalKey.Of('é')], keys);
    }

    [Fact]
    public void Parse_SgrMouseReports_GiveClicksAndWheelWithTheirCell()
    {
        var keys = KeyParser.Parse(Encoding.UTF8.GetBytes("\u001b[<0;10;5M\u001b[<0;10;5m\u001b[<64;3;4M\u001b[<65;3;4M"));

        Assert.Equal(
            [new TerminalKey(KeyKind.MouseClick, Column: 10, Row: 5), new TerminalKey(KeyKind.WheelUp, Column: 3, Row: 4), new TerminalKey(KeyKind.WheelDown, Column: 3, Row: 4)],
            keys);
    }

    [Fact]
    public void Parse_UnknownOrCutSequences_AreSkippedNotTyped()
    {
        var keys = KeyParser.Parse(Encoding.UTF8.GetBytes("\u001b[1;5Px\u001b[12"));

        Assert.Equal([TerminalKey.Of('x')], keys);
    }
}
