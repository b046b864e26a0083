using OpenDaemon.Plugins.LogManager.Reading;
using static OpenDaemon.Plugins.Tests.LogManager.Reading.LogFileFixtures;

namespace OpenDaemon.Plugins.Tests.LogManager.Reading;

public sealed partial class LogSearcherTests
{
    [Fact]
    public void Search_LinesOfALargeCurrentFile_ReturnsExactlyTheLastN()
    {
        var current = _dir.File("api-out.log");
        WritePlain(current, NumberedJsonLines(0, 200_000));

        var result = Search(Json(current), new LogQuery { Limit = 15 });

        Assert.Equal(Numbered(200_000 - 15, 15), Messages(result));
        Assert.Equal(T0.AddSeconds(199_999), result.Entries[^1].Timestamp);
        Assert.True(result.Truncated);
    }

    [Fact]
    public void Search_MoreLinesThanTheCurrentFileHas_PullsTheRestFromRotatedPlainAndGzipFilesInOrder()
    {
        var current = _dir.File("api-out.log");
        WriteRotated(current, T0.AddSeconds(100), gzip: true, NumberedJsonLines(0, 100));
        WriteRotated(current, T0.AddSeconds(200), gzip: false, NumberedJsonLines(100, 100));
        WritePlain(current, NumberedJsonLines(200, 50));

        var some = Search(Json(current), new LogQuery { Limit = 220 });
        var all = Search(Json(current), new LogQuery { Limit = 1000 });

        Assert.Equal(Numbered(30, 220), Messages(some));
        Assert.True(some.Truncated);
        Assert.Equal(Numbered(0, 250), Messages(all));
        Assert.False(all.Truncated);
    }

    [Fact]
    public void Search_ExactlyAsManyLinesAsTheLimit_IsNotTruncated()
    {
        var current = _dir.File("api-out.log");
        WriteRotated(current, T0.AddSeconds(100), gzip: true, NumberedJsonLines(0, 100));
        WritePlain(current, NumberedJsonLines(100, 50));

        var result = Search(Json(current), new LogQuery { Limit = 150 });

        Assert.Equal(Numbered(0, 150), Messages(result));
        Assert.False(result.Truncated);
    }

    [Fact]
    public void Search_WithoutHistory_ReadsOnlyTheCurrentFile()
    {
        var current = _dir.File("api-out.log");
        WriteRotated(current, T0.AddSeconds(100), gzip: true, NumberedJsonLines(0, 100));
        WritePlain(current, NumberedJsonLines(100, 50));

        var tail = Search(Json(current), new LogQuery { Limit = 80, IncludeHistory = false });
        var all = Search(Json(current), new LogQuery { IncludeHistory = false });

        Assert.Equal(Numbered(100, 50), Messages(tail));
        Assert.Equal(Numbered(100, 50), Messages(all));
    }

    [Fact]
    public void Search_TextFileTail_ParsesPrefixesAndKeepsOrder()
    {
        var current = _dir.File("api-error.log");
        WriteRotated(current, T0.AddSeconds(10), gzip: true, ["2026-11-23T15:30:01.000Z old", "no prefix in history"]);
        WritePlain(current, ["2026-11-23T15:30:11.000Z a", "1795447812000 b", "custom 15:30:13 c"]);

        var result = Search(Text(current, stream: "stderr"), new LogQuery { Limit = 4 });

        Assert.Equal(["no prefix in history", "a", "b", "custom 15:30:13 c"], Messages(result));
        Assert.Equal([null, T0.AddSeconds(11), T0.AddSeconds(12), null], result.Entries.Select(entry => entry.Timestamp));
        Assert.All(result.Entries, entry => Assert.Equal(("error", "stderr"), (entry.Level, entry.Source)));
    }

    [Fact]
    public void Search_NoCurrentFile_ReadsHistoryAlone()
    {
        var current = _dir.File("api-out.log");
        WriteRotated(current, T0.AddSeconds(100), gzip: true, NumberedJsonLines(0, 10));

        Assert.Equal(Numbered(5, 5), Messages(Search(Json(current), new LogQuery { Limit = 5 })));
        Assert.Equal(Numbered(0, 10), Messages(Search(Json(current), new LogQuery())));
    }

    [Fact]
    public void Search_LimitZero_ReturnsNothingButSaysWhetherAnythingMatched()
    {
        var current = _dir.File("api-out.log");
        WritePlain(current, NumberedJsonLines(0, 3));

        var result = Search(Json(current), new LogQuery { Limit = 0 });

        Assert.Empty(result.Entries);
        Assert.True(result.Truncated);
    }
}
