using OpenDaemon.Plugins.LogManager;
using OpenDaemon.Plugins.LogManager.Reading;
using static OpenDaemon.Plugins.Tests.LogManager.Reading.LogFileFixtures;

namespace OpenDaemon.Plugins.Tests.LogManager.Reading;

public sealed partial class LogSearcherTests
{
    [Fact]
    public void Search_NoLimit_ReturnsEveryEntryOfThreeGzipFilesAndTheCurrentInOrder()
    {
        var current = _dir.File("api-out.log");
        for (var file = 0; file < 3; file++)
        {
            WriteRotated(current, T0.AddSeconds((file + 1) * 10_000), gzip: true, NumberedJsonLines(file * 10_000, 10_000));
        }

        WritePlain(current, NumberedJsonLines(30_000, 5_000));

        var result = Search(Json(current), new LogQuery());

        Assert.Equal(35_000, result.Entries.Count);
        Assert.Equal(Numbered(0, 35_000), Messages(result));
        Assert.False(result.Truncated);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1000)]
    public void Search_SinceAndUntil_SpanRotatedGzipFilesAndTheCurrent(int? limit)
    {
        var current = _dir.File("api-out.log");
        for (var file = 0; file < 3; file++)
        {
            WriteRotated(current, T0.AddSeconds((file + 1) * 100), gzip: true, NumberedJsonLines(file * 100, 100));
        }

        WritePlain(current, NumberedJsonLines(300, 100));

        var result = Search(Json(current), new LogQuery { Since = T0.AddSeconds(150), Until = T0.AddSeconds(320), Limit = limit });

        Assert.Equal(Numbered(150, 171), Messages(result));
        Assert.False(result.Truncated);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1000)]
    public void Search_Since_DoesNotOpenFilesRotatedBeforeIt(int? limit)
    {
        var current = _dir.File("api-out.log");
        // Lies about its content: if it were read, its (impossible) entries would match.
        WriteRotated(current, T0.AddSeconds(100), gzip: false, [JsonLine(T0.AddSeconds(430), "ghost")]);
        WriteRotated(current, T0.AddSeconds(420), gzip: true, NumberedJsonLines(400, 20));
        WritePlain(current, NumberedJsonLines(420, 20));

        var result = Search(Json(current), new LogQuery { Since = T0.AddSeconds(410), Limit = limit });

        Assert.Equal(Numbered(410, 30), Messages(result));
    }

    [Fact]
    public void Search_SinceWithALimit_StopsReadingBackwardsWellBeforeTheWindow()
    {
        var current = _dir.File("api-out.log");
        WriteRotated(current, T0.AddSeconds(5000), gzip: true, [JsonLine(T0.AddSeconds(2000), "in an older file")]);
        // Out of order on purpose: a read that went on past line 0 would find it.
        WritePlain(current, [JsonLine(T0.AddSeconds(1000), "misplaced"), .. NumberedJsonLines(0, 100)]);

        var tail = Search(Json(current), new LogQuery { Since = T0.AddSeconds(90), Limit = 1000 });
        var all = Search(Json(current), new LogQuery { Since = T0.AddSeconds(90) });

        Assert.Equal(Numbered(90, 10), Messages(tail));
        Assert.Equal(["in an older file", "misplaced", .. Numbered(90, 10)], Messages(all));
    }

    [Fact]
    public void ReadForward_RotatedFileDeletedAfterListing_IsSkippedWithoutAnException()
    {
        var current = _dir.File("api-out.log");
        WriteRotated(current, T0.AddSeconds(10), gzip: true, NumberedJsonLines(0, 10));
        var doomed = WriteRotated(current, T0.AddSeconds(20), gzip: true, NumberedJsonLines(10, 10));
        WriteRotated(current, T0.AddSeconds(30), gzip: false, NumberedJsonLines(20, 10));
        var source = Json(current);
        var reader = new LogFileReader(source, new LogEntryFilter(new LogQuery(), source));

        var listed = LogFileNames.FindRotated(current, rotationDirectory: null);
        File.Delete(doomed);
        var entries = listed.SelectMany(file => reader.ReadForward(file.Path, file.Compressed, CancellationToken.None)).ToList();

        Assert.Equal(3, listed.Count);
        Assert.Equal([.. Numbered(0, 10), .. Numbered(20, 10)], entries.Select(entry => entry.Message));
        Assert.Empty(reader.ReadBackward(doomed, CancellationToken.None));
    }

    [Fact]
    public void Search_CorruptGzipFile_KeepsWhatCouldBeReadAndTheRest()
    {
        var current = _dir.File("api-out.log");
        var corrupt = WriteRotated(current, T0.AddSeconds(1000), gzip: true, NumberedJsonLines(0, 1000));
        var bytes = File.ReadAllBytes(corrupt);
        File.WriteAllBytes(corrupt, bytes[..(bytes.Length / 2)]);
        WritePlain(current, NumberedJsonLines(1000, 10));

        var messages = Messages(Search(Json(current), new LogQuery())).ToList();

        // The history is a prefix of what was written, but for its last line, which may be torn.
        var history = messages[..^10];
        Assert.NotEmpty(history);
        Assert.Equal(Numbered(0, history.Count - 1), history[..^1]);
        Assert.Equal(Numbered(1000, 10), messages[^10..]);
    }
}
