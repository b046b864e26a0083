using System.Text;
using OpenDaemon.Plugins.LogManager.Reading;
using static OpenDaemon.Plugins.Tests.LogManager.Reading.LogFileFixtures;

namespace OpenDaemon.Plugins.Tests.LogManager.Reading;

public sealed class JsonLineParserTests
{
    private static readonly LogSource OutFile = Json("/logs/api-out.log", instance: 0);
    private static readonly LogSource ErrorFile = Json("/logs/api-error.log", instance: 0, stream: "stderr");

    [Fact]
    public void Parse_TheWritersLine_ReadsEveryMember()
    {
        var entry = Parse("""{"timestamp":"2026-11-23T15:30:00.123Z","level":"warn","pid":123,"processName":"api","instanceId":2,"message":"disk \"low\"","source":"stderr"}""", OutFile, out var metadata);

        Assert.Equal(T0.AddMilliseconds(123), entry.Timestamp);
        Assert.Equal("warn", entry.Level);
        Assert.Equal(123, entry.Pid);
        Assert.Equal("api", entry.ProcessName);
        Assert.Equal(2, entry.InstanceId);
        Assert.Equal("disk \"low\"", entry.Message);
        Assert.Equal("stderr", entry.Source);
        Assert.Null(metadata);
    }

    [Fact]
    public void Parse_AnyMemberOrderAndUnknownMembers_SameEntry()
    {
        var entry = Parse("""{"source":"stdout","extra":{"a":[1,2,{"b":null}]},"message":"hi","instanceId":1,"processName":"web","pid":7,"level":"Warning","timestamp":"2026-11-23T17:30:00+02:00"}""", OutFile, out _);

        Assert.Equal(T0, entry.Timestamp);
        Assert.Equal(TimeSpan.Zero, entry.Timestamp!.Value.Offset);
        Assert.Equal("warn", entry.Level);
        Assert.Equal(7, entry.Pid);
        Assert.Equal("web", entry.ProcessName);
        Assert.Equal(1, entry.InstanceId);
        Assert.Equal("hi", entry.Message);
        Assert.Equal("stdout", entry.Source);
    }

    [Fact]
    public void Parse_MetadataLast_IsLocatedAndParsedOnRequest()
    {
        var line = """{"timestamp":"2026-11-23T15:30:00.000Z","level":"info","pid":1,"processName":"api","instanceId":0,"message":"req","source":"stdout","metadata":{"status":200,"path":"/a"}}""";

        var entry = Parse(line, OutFile, out var range);
        var metadata = JsonLineParser.ParseMetadata(Encoding.UTF8.GetBytes(line).AsSpan()[range!.Value]);

        Assert.Equal("req", entry.Message);
        Assert.Equal(200, metadata.GetProperty("status").GetInt32());
        Assert.Equal("/a", metadata.GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"timestamp":"2026-11-23T15:30:00.000Z","level":"in""")]
    [InlineData("""{"message":"ok","source":"stdout"} trailing""")]
    [InlineData("""{"level":"info"}""")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public void Parse_GarbageOrTornLine_BecomesTheRawTextOnTheFilesStream(string line)
    {
        var entry = Parse(line, ErrorFile, out var metadata);

        Assert.Equal(line, entry.Message);
        Assert.Null(entry.Timestamp);
        Assert.Equal("error", entry.Level);
        Assert.Equal("stderr", entry.Source);
        Assert.Equal("api", entry.ProcessName);
        Assert.Equal(0, entry.InstanceId);
        Assert.Null(metadata);
    }

    [Fact]
    public void Parse_MissingLevelAndSource_ComeFromTheFile()
    {
        var entry = Parse("""{"message":"boom"}""", ErrorFile, out _);

        Assert.Equal("boom", entry.Message);
        Assert.Equal("error", entry.Level);
        Assert.Equal("stderr", entry.Source);
        Assert.Null(entry.Timestamp);
    }

    [Fact]
    public void Parse_InvalidUtf8_DoesNotThrow()
    {
        byte[] line = [.. "{\"message\":\"a"u8, 0xFF, 0xFE, .. "b\"}"u8];

        var entry = JsonLineParser.Parse(line, OutFile, out _);

        Assert.Contains('\uFFFD', entry.Message);
    }

    private static Contracts.Logs.LogEntry Parse(string line, LogSource source, out Range? metadata) =>
        JsonLineParser.Parse(Encoding.UTF8.GetBytes(line), source, out metadata);
}
