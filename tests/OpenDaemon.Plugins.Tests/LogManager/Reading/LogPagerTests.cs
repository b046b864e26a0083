using System.IO.Compression;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Plugins.LogManager;
using OpenDaemon.Plugins.LogManager.Reading;
using OpenDaemon.Testing;
using static OpenDaemon.Plugins.Tests.LogManager.Reading.LogFileFixtures;

namespace OpenDaemon.Plugins.Tests.LogManager.Reading;

/// <summary>Paged reads (issue #11 item 6): every entry exactly once, in order, a small page at a time.</summary>
public sealed class LogPagerTests : IDisposable
{
    private static readonly LogPageSize SevenPerPage = new(7, int.MaxValue);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_TwoAppsOverGzipPlainRotatedAndCurrentFiles_ReturnsEveryEntryOnceInTimeOrder()
    {
        // api writes even seconds, worker odd ones: the merge must interleave them across pages.
        var api = _dir.File("api-out.log");
        var worker = _dir.File("worker-out.log");
        WriteRotated(api, T0.AddSeconds(100), gzip: true, Lines("api", 0, 50));
        WriteRotated(api, T0.AddSeconds(200), gzip: false, Lines("api", 50, 50));
        WritePlain(api, Lines("api", 100, 33));
        WriteRotated(worker, T0.AddSeconds(150), gzip: true, Lines("worker", 0, 75));
        WritePlain(worker, Lines("worker", 75, 40));
        IReadOnlyList<LogSource> sources = [Json(api, "api"), Json(worker, "worker")];

        var pages = ReadAll(sources, new LogQuery(), start: null);

        var expected = Lines("api", 0, 133).Concat(Lines("worker", 0, 115))
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .OrderBy(line => line.GetProperty("timestamp").GetDateTimeOffset())
            .Select(line => line.GetProperty("message").GetString());
        Assert.Equal(expected, pages.SelectMany(page => page).Select(entry => entry.Message));
        Assert.Equal((133 + 115 + 6) / 7, pages.Count);
        Assert.All(pages, page => Assert.InRange(page.Count, 1, 7));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(120)]
    [InlineData(500)]
    public void Tail_ThenPages_ReturnExactlyTheLastNInOrder(int count)
    {
        var api = _dir.File("api-out.log");
        WriteRotated(api, T0.AddSeconds(100), gzip: true, NumberedJsonLines(0, 100));
        WriteRotated(api, T0.AddSeconds(200), gzip: false, NumberedJsonLines(100, 100));
        WritePlain(api, NumberedJsonLines(200, 50));
        IReadOnlyList<LogSource> sources = [Json(api)];

        var (start, truncated) = LogPager.Tail(sources, new LogQuery(), count, CancellationToken.None);
        var entries = ReadAll(sources, new LogQuery(), start).SelectMany(page => page);

        var shown = Math.Min(count, 250);
        Assert.Equal(Numbered(250 - shown, shown), entries.Select(entry => entry.Message));
        Assert.Equal(count < 250, truncated);
    }

    [Fact]
    public void Read_CurrentFileRotatedAndGzippedBetweenPages_ContinuesWithoutGapOrDuplicate()
    {
        var api = _dir.File("api-out.log");
        WritePlain(api, NumberedJsonLines(0, 20));
        IReadOnlyList<LogSource> sources = [Json(api)];
        var first = LogPager.Read(sources, new LogQuery(), null, SevenPerPage, CancellationToken.None);

        // Rotation renames the current file and gzips it; the writer starts a new current file.
        var rotated = LogFileNames.Rotated(api, rotationDirectory: null, T0.AddSeconds(20));
        File.Move(api, rotated);
        using (var input = File.OpenRead(rotated))
        using (var output = new GZipStream(File.Create(rotated + ".gz"), CompressionLevel.Fastest))
        {
            input.CopyTo(output);
        }

        File.Delete(rotated);
        WritePlain(api, NumberedJsonLines(20, 10));
        var rest = ReadAll(sources, new LogQuery(), first.Next);

        Assert.Equal(Numbered(0, 30), first.Entries.Concat(rest.SelectMany(page => page)).Select(entry => entry.Message));
    }

    [Fact]
    public void Read_FiltersAndAWindow_PageOnlyMatchesAndEndWithoutACursor()
    {
        var api = _dir.File("api-out.log");
        WritePlain(api, NumberedJsonLines(0, 1000));
        var query = new LogQuery { Since = T0.AddSeconds(100), Until = T0.AddSeconds(899), Grep = new System.Text.RegularExpressions.Regex("0$") };

        var pages = ReadAll([Json(api)], query, start: null);

        Assert.Equal(Enumerable.Range(10, 80).Select(n => $"line {n * 10}"), pages.SelectMany(page => page).Select(entry => entry.Message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("aGVsbG8")]
    public void Parse_NotACursor_IsNull(string text) => Assert.Null(string.IsNullOrEmpty(text) ? null : LogCursor.Parse(text));

    [Fact]
    public void Encode_ThenParse_RoundTrips()
    {
        var api = _dir.File("api-out.log");
        WritePlain(api, NumberedJsonLines(0, 20));
        var page = LogPager.Read([Json(api)], new LogQuery(), null, SevenPerPage, CancellationToken.None);

        var again = LogCursor.Parse(page.Next!.Encode());

        Assert.Equal(page.Next.For(Json(api)), again!.For(Json(api)));
    }

    private static IEnumerable<string> Lines(string process, int first, int count) =>
        Enumerable.Range(first, count).Select(n => JsonLine(T0.AddSeconds((n * 2) + (process == "api" ? 0 : 1)), $"{process} {n}", process: process));

    private static List<IReadOnlyList<LogEntry>> ReadAll(IReadOnlyList<LogSource> sources, LogQuery query, LogCursor? start)
    {
        var pages = new List<IReadOnlyList<LogEntry>>();
        var cursor = start;
        do
        {
            var page = LogPager.Read(sources, query, cursor, SevenPerPage, CancellationToken.None);
            pages.Add(page.Entries);
            cursor = page.Next is null ? null : LogCursor.Parse(page.Next.Encode()); // as over the wire
            Assert.True(pages.Count < 10_000, "the pages never end");
        }
        while (cursor is not null);

        return pages;
    }
}
