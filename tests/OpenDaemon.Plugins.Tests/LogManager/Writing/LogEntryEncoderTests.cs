using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.LogManager.Writing;
using Xunit.Abstractions;

namespace OpenDaemon.Plugins.Tests.LogManager.Writing;

public sealed class LogEntryEncoderTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 15, 30, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Encode_Json_ExactEntryShape()
    {
        var encoder = Json();

        var entry = Encode(encoder, "hello world");

        Assert.Equal("""{"timestamp":"2026-11-23T15:30:00.123Z","level":"info","pid":123,"processName":"api","instanceId":0,"message":"hello world","source":"stdout"}""" + "\n", entry);
    }

    [Fact]
    public void Encode_JsonWithMetadata_MetadataLastAndLevelKept()
    {
        var encoder = Json(source: "stderr");
        var line = Encoding.UTF8.GetBytes("""{"level":40,"msg":"slow","ms":812}""");
        var buffer = new PooledByteBuffer();
        encoder.BeginChunk(At);

        encoder.Encode(buffer, line, new LevelDetector().Detect(line, isStderr: true));

        Assert.Equal("""{"timestamp":"2026-11-23T15:30:00.123Z","level":"warn","pid":123,"processName":"api","instanceId":0,"message":"slow","source":"stderr","metadata":{"ms":812}}""" + "\n", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Theory]
    [InlineData("say \"hi\"")]
    [InlineData(@"C:\temp\x")]
    [InlineData("tab\there\u0001\u001f\u007f\bbell\fform\rcr")]
    [InlineData("café ünïcödé 日本語 🎉")]
    [InlineData("")]
    public void Encode_JsonSpecialCharacters_ParsesBackToTheSameText(string message)
    {
        var entry = Encode(Json(), message);

        Assert.Equal(message, JsonDocument.Parse(entry).RootElement.GetProperty("message").GetString());
        Assert.EndsWith("\n", entry, StringComparison.Ordinal);
        Assert.Single(entry.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Encode_JsonInvalidUtf8_ReplacementCharacterAndValidJson()
    {
        byte[] line = [.. "ok "u8, 0xFF, .. " half "u8, 0xE6, 0x97, .. " end "u8, 0xC3, 0xA9];
        var buffer = new PooledByteBuffer();
        var encoder = Json();
        encoder.BeginChunk(At);

        encoder.Encode(buffer, line, new DetectedLine(LoggerLevels.Info, line, default));

        var message = JsonDocument.Parse(buffer.WrittenSpan.ToArray()).RootElement.GetProperty("message").GetString();
        Assert.Equal("ok \uFFFD half \uFFFD end é", message);
    }

    [Fact]
    public void Encode_JsonProcessNameNeedingEscapes_ValidJson()
    {
        var encoder = new LogEntryEncoder(LogFormat.Json, null, "we\"ird\\name", 2, 9, "stdout", TimeZoneInfo.Utc);

        var entry = JsonDocument.Parse(Encode(encoder, "x")).RootElement;

        Assert.Equal("we\"ird\\name", entry.GetProperty("processName").GetString());
        Assert.Equal(2, entry.GetProperty("instanceId").GetInt32());
        Assert.Equal(9, entry.GetProperty("pid").GetInt32());
    }

    [Theory]
    [InlineData(null, "raw \u001b[31mline\u001b[0m\n")]
    [InlineData("iso", "2026-11-23T15:30:00.123Z raw \u001b[31mline\u001b[0m\n")]
    [InlineData("unix", "1795447800123 raw \u001b[31mline\u001b[0m\n")]
    [InlineData("YYYY-MM-DD HH:mm:ss.SSS Z", "2026-11-23 17:30:00.123 +02:00: raw \u001b[31mline\u001b[0m\n")]
    [InlineData("DD/MM/YY HH:mm ZZ", "23/11/26 17:30 +0200: raw \u001b[31mline\u001b[0m\n")]
    [InlineData("[at] HH:mm A hh", "at 17:30 A hh: raw \u001b[31mline\u001b[0m\n")]
    [InlineData("YYYY-MM-DDTHH:mm:ss", "2026-11-23T17:30:00: raw \u001b[31mline\u001b[0m\n")] // PM2's time: true, and its ": "
    public void Encode_Text_RawLineAfterTimestampPrefix(string? format, string expected)
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus-two", TimeSpan.FromHours(2), "plus-two", "plus-two");
        var encoder = new LogEntryEncoder(LogFormat.Text, format, "api", 0, 1, "stdout", zone);

        Assert.Equal(expected, Encode(encoder, "raw \u001b[31mline\u001b[0m"));
    }

    [Fact]
    public void Encode_TextInvalidUtf8_BytesKeptRaw()
    {
        byte[] line = [.. "a "u8, 0xFF, 0xFE];
        var buffer = new PooledByteBuffer();
        var encoder = new LogEntryEncoder(LogFormat.Text, null, "api", 0, 1, "stdout", TimeZoneInfo.Utc);
        encoder.BeginChunk(At);

        encoder.Encode(buffer, line, new DetectedLine(LoggerLevels.Info, line, default));

        Assert.Equal([.. line, (byte)'\n'], buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Encode_ShortLines_PrintsRate()
    {
        // Not a timing assertion: the rate is printed so a regression shows in the test output.
        const int Lines = 2_000_000;
        var encoder = Json();
        var detector = new LevelDetector();
        var buffer = new PooledByteBuffer(1 << 20);
        var line = "GET /api/users/42 200 3ms"u8.ToArray();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Lines; i++)
        {
            if (i % 1000 == 0)
            {
                encoder.BeginChunk(At);
                buffer.Clear();
            }

            encoder.Encode(buffer, line, detector.Detect(line, isStderr: false));
        }

        clock.Stop();
        // A Debug build runs without JIT optimizations: about ten times slower than the daemon ships.
        var build = typeof(LogEntryEncoder).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true ? "Debug build, JIT optimizations off" : "optimized build";
        output.WriteLine($"detect + encode: {Lines / clock.Elapsed.TotalSeconds:N0} lines/s on one core ({clock.Elapsed.TotalMilliseconds:N0} ms for {Lines:N0}; {build})");
        Assert.True(buffer.WrittenSpan.IndexOf("\"message\":\"GET /api/users/42 200 3ms\""u8) > 0);
    }

    private static LogEntryEncoder Json(string source = "stdout") =>
        new(LogFormat.Json, null, "api", 0, 123, source, TimeZoneInfo.Utc);

    private static string Encode(LogEntryEncoder encoder, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var buffer = new PooledByteBuffer();
        encoder.BeginChunk(At);
        encoder.Encode(buffer, bytes, new DetectedLine(LoggerLevels.Info, bytes, default));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
