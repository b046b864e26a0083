using System.Text;
using OpenDaemon.Plugins.LogManager.Reading;
using static OpenDaemon.Plugins.Tests.LogManager.Reading.LogFileFixtures;

namespace OpenDaemon.Plugins.Tests.LogManager.Reading;

public sealed class TextLineParserTests
{
    private static readonly LogSource OutFile = Text("/logs/api-out.log", instance: 3);
    private static readonly LogSource ErrorFile = Text("/logs/api-error.log", stream: "stderr");

    [Theory]
    [InlineData("2026-11-23T15:30:00.123Z hello world", "hello world")]
    [InlineData("2026-11-23T17:30:00.123+02:00 hello world", "hello world")]
    [InlineData("1795447800123 hello world", "hello world")]
    [InlineData("2026-11-23T15:30:00.123Z ", "")]
    public void Parse_TimestampPrefix_IsTheTimestampAndTheRestIsTheMessage(string line, string message)
    {
        var entry = Parse(line, OutFile);

        Assert.Equal(T0.AddMilliseconds(123), entry.Timestamp);
        Assert.Equal(TimeSpan.Zero, entry.Timestamp!.Value.Offset);
        Assert.Equal(message, entry.Message);
    }

    [Fact]
    public void Parse_Pm2TimePrefix_IsLocalTimeAndTheRestIsTheMessage()
    {
        var local = new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 11, 23, 15, 30, 0)));

        var entry = Parse("2026-11-23T15:30:00: listening on 3000", OutFile);

        Assert.Equal(local.ToUniversalTime(), entry.Timestamp);
        Assert.Equal("listening on 3000", entry.Message);
    }

    [Theory]
    [InlineData("2026-11-23T15:30:00 no colon")]
    [InlineData("2026-11-23T15:30:0x: bad")]
    [InlineData("hello world")]
    [InlineData("2026-11-23 15:30:00 custom pattern")]
    [InlineData("23/11/2026 15:30 custom pattern")]
    [InlineData("12345 not a unix time")]
    [InlineData("2026-11-23T99:99:99Z looks like iso")]
    [InlineData("")]
    public void Parse_NoParsablePrefix_WholeLineIsTheMessage(string line)
    {
        var entry = Parse(line, OutFile);

        Assert.Null(entry.Timestamp);
        Assert.Equal(line, entry.Message);
    }

    [Fact]
    public void Parse_LevelSourceAndInstance_ComeFromTheFile()
    {
        var stdout = Parse("ok", OutFile);
        var stderr = Parse("boom", ErrorFile);

        Assert.Equal(("info", "stdout", 3, "api", 0), (stdout.Level, stdout.Source, stdout.InstanceId, stdout.ProcessName, stdout.Pid));
        Assert.Equal(("error", "stderr", (int?)null), (stderr.Level, stderr.Source, stderr.InstanceId));
    }

    [Fact]
    public void Parse_InvalidUtf8_BecomesReplacementCharacters()
    {
        byte[] line = [.. "caf"u8, 0xC3, .. " ok"u8];

        Assert.Equal("caf\uFFFD ok", TextLineParser.Parse(line, OutFile).Message);
    }

    private static Contracts.Logs.LogEntry Parse(string line, LogSource source) => TextLineParser.Parse(Encoding.UTF8.GetBytes(line), source);
}
