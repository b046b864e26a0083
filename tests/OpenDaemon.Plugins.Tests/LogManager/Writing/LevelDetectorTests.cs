using System.Text;
using System.Text.Json;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Plugins.LogManager.Writing;

namespace OpenDaemon.Plugins.Tests.LogManager.Writing;

public sealed class LevelDetectorTests
{
    [Theory]
    [InlineData(false, "info")]
    [InlineData(true, "error")]
    public void Detect_PlainLine_LevelFromStreamAndWholeLineAsMessage(bool isStderr, string level)
    {
        var result = Detect("server listening on :8080", isStderr);

        Assert.Equal((level, "server listening on :8080", null), result);
    }

    [Fact]
    public void Detect_Pino_NumericLevelMessageAndOtherFieldsAsMetadata()
    {
        var (level, message, metadata) = Detect("""{"level":40,"time":1763912400123,"pid":42,"hostname":"web-1","msg":"slow query","ms":812}""");

        Assert.Equal(("warn", "slow query"), (level, message));
        Assert.Equal("""{"time":1763912400123,"pid":42,"hostname":"web-1","ms":812}""", metadata);
    }

    [Fact]
    public void Detect_Bunyan_LevelAndNestedMetadataCopiedRaw()
    {
        var (level, message, metadata) = Detect("""{"name":"api","hostname":"h","pid":7,"level":50,"err":{"message":"boom","stack":"at x\n  at y"},"msg":"request failed","time":"2026-11-23T15:30:00.123Z","v":0}""");

        Assert.Equal(("error", "request failed"), (level, message));
        var parsed = JsonDocument.Parse(metadata!).RootElement;
        Assert.Equal("boom", parsed.GetProperty("err").GetProperty("message").GetString());
        Assert.Equal(["name", "hostname", "pid", "err", "time", "v"], parsed.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("10", "trace")]
    [InlineData("20", "debug")]
    [InlineData("30", "info")]
    [InlineData("35", "info")]
    [InlineData("59.5", "error")]
    [InlineData("60", "fatal")]
    [InlineData("70", "fatal")]
    [InlineData("5", "trace")]
    public void Detect_NumericLevel_NearestLowerKnownLevel(string number, string expected)
    {
        Assert.Equal(expected, Detect($$"""{"level":{{number}},"msg":"m"}""").Level);
    }

    [Theory]
    [InlineData("WARN", "warn")]
    [InlineData("debug", "debug")]
    [InlineData("Fatal", "fatal")]
    [InlineData("information", "info")]
    public void Detect_StringLevel_AnyCase(string name, string expected)
    {
        Assert.Equal(expected, Detect($$"""{"level":"{{name}}","message":"m"}""").Level);
    }

    [Fact]
    public void Detect_SerilogCompactWithLevel_LevelAndRenderedMessage()
    {
        var (level, message, metadata) = Detect("""{"@t":"2026-11-23T15:30:00.1234567Z","@mt":"Disk {Drive} at {Percent}%","@m":"Disk C at 93%","@l":"Warning","Drive":"C","Percent":93}""");

        Assert.Equal(("warn", "Disk C at 93%"), (level, message));
        Assert.Equal("""{"@t":"2026-11-23T15:30:00.1234567Z","@mt":"Disk {Drive} at {Percent}%","Drive":"C","Percent":93}""", metadata);
    }

    [Fact]
    public void Detect_SerilogCompactWithoutLevel_Information()
    {
        var (level, message, _) = Detect("""{"@t":"2026-11-23T15:30:00Z","@mt":"Started {App}","App":"api"}""", isStderr: true);

        Assert.Equal(("info", "Started {App}"), (level, message));
    }

    [Theory]
    [InlineData("Verbose", "trace")]
    [InlineData("Fatal", "fatal")]
    [InlineData("Error", "error")]
    public void Detect_SerilogLevels_Mapped(string name, string expected)
    {
        Assert.Equal(expected, Detect($$"""{"@t":"2026-11-23T15:30:00Z","@mt":"x","@l":"{{name}}"}""").Level);
    }

    [Fact]
    public void Detect_MicrosoftExtensionsLoggingJson_LevelMessageAndState()
    {
        var (level, message, metadata) = Detect("""{"EventId":3,"LogLevel":"Critical","Category":"Api.Db","Message":"Pool exhausted","State":{"Message":"Pool exhausted","{OriginalFormat}":"Pool exhausted"}}""");

        Assert.Equal(("fatal", "Pool exhausted"), (level, message));
        Assert.Equal("""{"EventId":3,"Category":"Api.Db","State":{"Message":"Pool exhausted","{OriginalFormat}":"Pool exhausted"}}""", metadata);
    }

    [Fact]
    public void Detect_EscapedMessage_Unescaped()
    {
        var (_, message, _) = Detect("""{"level":30,"msg":"say \"hi\"\tto caf\u00e9 \\o/"}""");

        Assert.Equal("say \"hi\"\tto café \\o/", message);
    }

    [Fact]
    public void Detect_SeveralMessageFields_PriorityOrderNotDocumentOrder()
    {
        var (_, message, metadata) = Detect("""{"Message":"third","message":"second","msg":"first","level":"info"}""");

        Assert.Equal("first", message);
        Assert.Equal("""{"Message":"third","message":"second"}""", metadata);
    }

    [Fact]
    public void Detect_JsonWithoutMessageField_WholeLineNoMetadataButItsLevel()
    {
        const string Line = """{"level":"warn","event":"cache-miss"}""";

        Assert.Equal(("warn", Line, null), Detect(Line));
    }

    [Fact]
    public void Detect_JsonWithOnlyLevelAndMessage_NoMetadata()
    {
        Assert.Equal(("debug", "m", null), Detect("""  {"level":20,"msg":"m"}	"""));
    }

    [Theory]
    [InlineData("""{"level":50,"msg":"cut""")]
    [InlineData("""{"level":50,"msg":"x"} {"b":1}""")]
    [InlineData("""{level:50,msg:"x"}""")]
    [InlineData("""{"level":50,"msg":"bad \ud800 surrogate"}""")]
    [InlineData("{}")]
    [InlineData("{ not json }")]
    public void Detect_NotAJsonLoggerLine_PlainLine(string line)
    {
        Assert.Equal(("info", line, null), Detect(line));
    }

    [Fact]
    public void Detect_InvalidUtf8InsideJson_PlainLine()
    {
        byte[] line = [.. "{\"level\":50,\"msg\":\""u8, 0xFF, .. "\"}"u8];
        var detected = new LevelDetector().Detect(line, isStderr: false);

        Assert.Equal(LoggerLevels.Info, detected.Level);
        Assert.Equal(line, detected.Message.ToArray());
    }

    [Fact]
    public void Detect_UnknownLevelName_StreamDefault()
    {
        Assert.Equal("error", Detect("""{"LogLevel":"None","Message":"m"}""", isStderr: true).Level);
    }

    private static (string Level, string Message, string? Metadata) Detect(string line, bool isStderr = false)
    {
        var detected = new LevelDetector().Detect(Encoding.UTF8.GetBytes(line), isStderr);
        return (
            LogLevels.All[detected.Level],
            Encoding.UTF8.GetString(detected.Message),
            detected.Metadata.IsEmpty ? null : Encoding.UTF8.GetString(detected.Metadata));
    }
}
