using System.Text.RegularExpressions;
using OpenDaemon.Plugins.LogManager.Reading;
using static OpenDaemon.Plugins.Tests.LogManager.Reading.LogFileFixtures;

namespace OpenDaemon.Plugins.Tests.LogManager.Reading;

public sealed partial class LogSearcherTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(5)]
    public void Search_GrepOverGzip_MatchesTheMessage(int? limit)
    {
        var current = _dir.File("api-out.log");
        WriteRotated(current, T0.AddSeconds(100), gzip: true, NumberedJsonLines(0, 100));
        WritePlain(current, NumberedJsonLines(100, 5));

        var result = Search(Json(current), new LogQuery { Grep = new Regex(@"^line \d?7$", RegexOptions.None, TimeSpan.FromSeconds(1)), Limit = limit });

        var expected = new[] { 7, 17, 27, 37, 47, 57, 67, 77, 87, 97 }.Select(n => $"line {n}");
        Assert.Equal(limit is null ? expected : expected.TakeLast(5), Messages(result));
        Assert.Equal(limit is not null, result.Truncated);
    }

    [Fact]
    public void Search_MinLevelWarn_ReturnsWarnErrorAndFatalOnly()
    {
        var current = _dir.File("api-out.log");
        string[] levels = ["trace", "debug", "info", "warn", "error", "fatal"];
        WritePlain(current, Enumerable.Range(0, 60).Select(n => JsonLine(T0.AddSeconds(n), $"line {n}", level: levels[n % 6])));

        var all = Search(Json(current), new LogQuery { MinLevel = "warn" });
        var tail = Search(Json(current), new LogQuery { MinLevel = "Warning", Limit = 3 });

        Assert.Equal(30, all.Entries.Count);
        Assert.All(all.Entries, entry => Assert.Contains(entry.Level, new[] { "warn", "error", "fatal" }));
        Assert.Equal(["line 57", "line 58", "line 59"], Messages(tail));
    }

    [Fact]
    public void Search_UnknownMinLevel_Throws() =>
        Assert.Throws<ArgumentException>(() => Search(Json(_dir.File("api-out.log")), new LogQuery { MinLevel = "loud" }));

    [Fact]
    public void Search_StreamsFilter_KeepsOneStreamOfAFileHoldingBoth()
    {
        var current = _dir.File("api.log");
        WritePlain(current, Enumerable.Range(0, 10).Select(n => JsonLine(T0.AddSeconds(n), $"line {n}", source: n % 2 == 0 ? "stdout" : "stderr")));

        var stderr = Search(Json(current), new LogQuery { Streams = LogStreams.Stderr });
        var stdoutTail = Search(Json(current), new LogQuery { Streams = LogStreams.Stdout, Limit = 2 });

        Assert.Equal(["line 1", "line 3", "line 5", "line 7", "line 9"], Messages(stderr));
        Assert.Equal(["line 6", "line 8"], Messages(stdoutTail));
    }

    [Fact]
    public void Search_StreamsFilter_SkipsTextFilesOfTheOtherStream()
    {
        var output = _dir.File("api-out.log");
        var errors = _dir.File("api-error.log");
        WritePlain(output, ["2026-11-23T15:30:00.000Z out"]);
        WritePlain(errors, ["2026-11-23T15:30:01.000Z err"]);
        LogSource[] sources = [Text(output), Text(errors, stream: "stderr")];

        Assert.Equal(["out"], Messages(Search(sources, new LogQuery { Streams = LogStreams.Stdout })));
        Assert.Equal(["err"], Messages(Search(sources, new LogQuery { Streams = LogStreams.Stderr, Limit = 10 })));
        Assert.Equal(["out", "err"], Messages(Search(sources, new LogQuery())));
    }

    [Fact]
    public void Search_InstanceOfAMergedFile_KeepsThatInstancesEntries()
    {
        var current = _dir.File("api-out.log");
        WritePlain(current, Enumerable.Range(0, 30).Select(n => JsonLine(T0.AddSeconds(n), $"line {n}", instance: n % 3)));

        var all = Search(Json(current, instance: 1), new LogQuery());
        var tail = Search(Json(current, instance: 2), new LogQuery { Limit = 2 });

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"line {(i * 3) + 1}"), Messages(all));
        Assert.All(all.Entries, entry => Assert.Equal(1, entry.InstanceId));
        Assert.Equal(["line 26", "line 29"], Messages(tail));
    }

    [Fact]
    public void Search_JsonFileWithMetadataAndGarbage_KeepsMetadataAndTheGarbageAsText()
    {
        var current = _dir.File("api-error.log");
        WritePlain(current,
        [
            JsonLine(T0, "before"),
            """{"metadata":{"status":503},"source":"stderr","message":"with metadata","level":"error","timestamp":"2026-11-23T15:30:01.000Z"}""",
            "Segmentation fault (core dumped)",
            """{"timestamp":"2026-11-23T15:30:02.000Z","level":"info","pid":1,"message":"to""",
        ]);

        var result = Search(Json(current, stream: "stderr"), new LogQuery());

        Assert.Equal(4, result.Entries.Count);
        Assert.Equal(503, result.Entries[1].Metadata!.Value.GetProperty("status").GetInt32());
        Assert.Null(result.Entries[0].Metadata);
        Assert.Equal(("Segmentation fault (core dumped)", "stderr", null), (result.Entries[2].Message, result.Entries[2].Source, result.Entries[2].Timestamp));
        Assert.StartsWith("{\"timestamp\"", result.Entries[3].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(6)]
    public void Search_TwoApps_AreMergedByTimestamp(int? limit)
    {
        var api = _dir.File("api-out.log");
        var web = _dir.File("web-out.log");
        WritePlain(api, Enumerable.Range(0, 10).Select(n => JsonLine(T0.AddSeconds(2 * n), $"api {2 * n}", process: "api")));
        WritePlain(web, [.. Enumerable.Range(0, 10).Select(n => JsonLine(T0.AddSeconds((2 * n) + 1), $"web {(2 * n) + 1}", process: "web")), "torn web line"]);

        var result = Search([Json(api), Json(web, process: "web")], new LogQuery { Limit = limit });

        // The line without a timestamp stays right after its predecessor in its file.
        var expected = Enumerable.Range(0, 20).Select(n => n % 2 == 0 ? $"api {n}" : $"web {n}").Append("torn web line");
        Assert.Equal(limit is { } n ? expected.TakeLast(n) : expected, Messages(result));
        Assert.Equal("web", result.Entries[^1].ProcessName);
    }
}
