using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.LogManager;
using OpenDaemon.Plugins.LogManager.Writing;
using OpenDaemon.Testing;
using static OpenDaemon.Plugins.Tests.LogManager.Writing.WriterTestSupport;

namespace OpenDaemon.Plugins.Tests.LogManager.Writing;

public sealed class LogFileWriterRotationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Append_ContinuousWritingWithSmallMaxSize_EveryLineOnceAcrossCompressedFiles()
    {
        using var directory = new TempDirectory();
        var path = directory.File("api-out.log");
        var options = new LogFileOptions
        {
            Rotation = new RotationConfig { MaxSize = 64 * 1024, MaxFiles = 100, Compress = true },
            HistoryBytes = long.MaxValue,
        };
        await using var registry = Registry(new FakeTimeProvider(Start), bufferSize: 8 * 1024);
        using var lease = registry.Acquire(path, options);

        // Two streams sharing the file, as stdout and stderr of a mergeLogs app: ~1.26 MB, about 19 rotations,
        // all in the same millisecond of a clock that does not move: each still gets a name of its own.
        await Task.WhenAll(WriteAsync(lease.Writer, "out", 15_000), WriteAsync(lease.Writer, "err", 15_000));
        lease.Writer.Flush();
        await registry.WhenBackgroundIdleAsync().WaitAsync(TestTimeouts.Short);

        var rotated = LogFileNames.FindRotated(path, null);
        var lines = LogFileContents.AllLines(path);
        Assert.InRange(rotated.Count, 15, 100);
        Assert.All(rotated, file => Assert.True(file.Compressed, file.Path));
        Assert.Empty(Directory.GetFiles(directory.FullPath, "*.tmp"));
        Assert.All(rotated, file => Assert.InRange(LogFileContents.Lines(file.Path).Sum(line => line.Length + 1), 60 * 1024, 64 * 1024));
        Assert.Equal(30_000, lines.Count);
        AssertContiguous(NumbersOf(lines, "out"), 1, 15_000);
        AssertContiguous(NumbersOf(lines, "err"), 1, 15_000);
    }

    [Fact]
    public async Task Append_BeyondMaxFiles_NewestFilesKeptWithoutGapsOrRepeats()
    {
        using var directory = new TempDirectory();
        var path = directory.File("api-out.log");
        var options = new LogFileOptions { Rotation = new RotationConfig { MaxSize = 16 * 1024, MaxFiles = 3, Compress = true }, HistoryBytes = long.MaxValue };
        await using var registry = Registry(new FakeTimeProvider(Start), bufferSize: 4096);
        using var lease = registry.Acquire(path, options);

        await WriteAsync(lease.Writer, "n", 10_000);
        lease.Writer.Flush();
        await registry.WhenBackgroundIdleAsync().WaitAsync(TestTimeouts.Short);

        Assert.Equal(3, LogFileNames.FindRotated(path, null).Count);
        var numbers = NumbersOf(LogFileContents.AllLines(path), "n");
        AssertContiguous(numbers, 10_000 - numbers.Count + 1, 10_000);
    }

    [Fact]
    public async Task Append_HistoryBudget_OldestRotatedFilesDeleted()
    {
        using var directory = new TempDirectory();
        var path = directory.File("api-out.log");
        const long MaxSize = 16 * 1024;
        const long History = 64 * 1024;
        var options = new LogFileOptions { Rotation = new RotationConfig { MaxSize = MaxSize, MaxFiles = 100, Compress = false }, HistoryBytes = History };
        await using var registry = Registry(new FakeTimeProvider(Start), bufferSize: 4096);
        using var lease = registry.Acquire(path, options);

        await WriteAsync(lease.Writer, "n", 10_000); // ~450 KB
        lease.Writer.Flush();
        await registry.WhenBackgroundIdleAsync().WaitAsync(TestTimeouts.Short);

        var rotatedBytes = LogFileNames.FindRotated(path, null).Sum(file => new FileInfo(file.Path).Length);
        var currentBytes = new FileInfo(path).Length;
        Assert.InRange(rotatedBytes, History - (2 * MaxSize), History);
        Assert.True(rotatedBytes + currentBytes <= History + MaxSize, $"{rotatedBytes} + {currentBytes}");
        var numbers = NumbersOf(LogFileContents.AllLines(path), "n");
        AssertContiguous(numbers, 10_000 - numbers.Count + 1, 10_000);
    }

    [Fact]
    public async Task Append_NextDay_RotatedByTime()
    {
        using var directory = new TempDirectory();
        var path = directory.File("api-out.log");
        var time = new FakeTimeProvider(Start);
        var options = new LogFileOptions { Rotation = new RotationConfig { Compress = false, DatePattern = "YYYY-MM-DD" } };
        await using var registry = Registry(time);
        using var lease = registry.Acquire(path, options);
        await lease.Writer.Append("monday\n"u8);
        time.Advance(TimeSpan.FromHours(8)); // 23:30, same day
        await lease.Writer.Append("monday night\n"u8);

        time.Advance(TimeSpan.FromHours(1)); // 00:30, next day
        await lease.Writer.Append("tuesday\n"u8);
        lease.Writer.Flush();

        var rotated = Assert.Single(LogFileNames.FindRotated(path, null));
        Assert.Equal(time.GetUtcNow(), rotated.RotatedAt);
        Assert.Equal(["monday", "monday night"], LogFileContents.Lines(rotated.Path));
        Assert.Equal(["tuesday"], LogFileContents.Lines(path));
    }

    [Fact]
    public async Task Append_HourlyPatternInLocalTime_RotatedAtTheLocalHour()
    {
        using var directory = new TempDirectory();
        var path = directory.File("api-out.log");
        var time = new FakeTimeProvider(Start.AddMinutes(20)); // 15:50 UTC = 17:50 local
        time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("plus-two", TimeSpan.FromHours(2), "plus-two", "plus-two"));
        var options = new LogFileOptions { Rotation = new RotationConfig { Compress = false, DatePattern = "YYYY-MM-DD-HH" } };
        await using var registry = Registry(time);
        using var lease = registry.Acquire(path, options);
        await lease.Writer.Append("17h\n"u8);

        time.Advance(TimeSpan.FromMinutes(9)); // 17:59
        await lease.Writer.Append("still 17h\n"u8);
        time.Advance(TimeSpan.FromMinutes(2)); // 18:01
        await lease.Writer.Append("18h\n"u8);
        lease.Writer.Flush();

        Assert.Equal(["17h", "still 17h"], LogFileContents.Lines(Assert.Single(LogFileNames.FindRotated(path, null)).Path));
        Assert.Equal(["18h"], LogFileContents.Lines(path));
    }

    [Fact]
    public async Task Append_PeriodEndedWhileEmpty_NotRotated()
    {
        using var directory = new TempDirectory();
        var path = directory.File("api-out.log");
        var time = new FakeTimeProvider(Start);
        var options = new LogFileOptions { Rotation = new RotationConfig { Compress = false } };
        await using var registry = Registry(time);
        using var lease = registry.Acquire(path, options);

        time.Advance(TimeSpan.FromDays(3));
        await lease.Writer.Append("first\n"u8);
        await lease.Writer.Append("second\n"u8);
        lease.Writer.Flush();

        Assert.Empty(LogFileNames.FindRotated(path, null));
        Assert.Equal(["first", "second"], LogFileContents.Lines(path));
    }

    [Fact]
    public async Task Rotate_MaxAge_OlderRotatedFilesDeleted()
    {
        using var directory = new TempDirectory();
        var path = directory.File("api-out.log");
        var rotatedDirectory = directory.File("old");
        var time = new FakeTimeProvider(Start);
        var options = new LogFileOptions
        {
            Rotation = new RotationConfig { Compress = true, MaxAge = TimeSpan.FromDays(1), Directory = rotatedDirectory },
        };
        await using var registry = Registry(time);
        using var lease = registry.Acquire(path, options);
        await lease.Writer.Append("day 1\n"u8);
        time.Advance(TimeSpan.FromDays(1));
        await lease.Writer.Append("day 2\n"u8); // rotates "day 1", stamped day 2
        await registry.WhenBackgroundIdleAsync().WaitAsync(TestTimeouts.Short);
        var first = Assert.Single(LogFileNames.FindRotated(path, rotatedDirectory));

        time.Advance(TimeSpan.FromDays(2));
        await lease.Writer.Append("day 4\n"u8); // rotates "day 2"; "day 1" is now two days old
        await registry.WhenBackgroundIdleAsync().WaitAsync(TestTimeouts.Short);
        lease.Writer.Flush();

        var kept = Assert.Single(LogFileNames.FindRotated(path, rotatedDirectory));
        Assert.False(File.Exists(first.Path));
        Assert.Equal(["day 2"], LogFileContents.Lines(kept.Path));
        Assert.Equal(["day 4"], LogFileContents.Lines(path));
    }

    [Fact]
    public async Task Append_LineLongerThanMaxSize_GetsAFileOfItsOwn()
    {
        using var directory = new TempDirectory();
        var path = directory.File("api-out.log");
        var options = new LogFileOptions { Rotation = new RotationConfig { MaxSize = 100, Compress = false } };
        await using var registry = Registry();
        using var lease = registry.Acquire(path, options);

        await lease.Writer.Append("short\n"u8);
        await lease.Writer.Append([.. Enumerable.Repeat((byte)'x', 300), (byte)'\n', .. "after\n"u8]);
        lease.Writer.Flush();

        var rotated = LogFileNames.FindRotated(path, null);
        Assert.Equal(2, rotated.Count);
        Assert.Equal(["short"], LogFileContents.Lines(rotated[0].Path));
        Assert.Equal([new string('x', 300)], LogFileContents.Lines(rotated[1].Path));
        Assert.Equal(["after"], LogFileContents.Lines(path));
    }

    // Appends numbered lines (~45 bytes each) in batches of varying size, as a pump does.
    private static Task WriteAsync(LogFileWriter writer, string tag, int count) => Task.Run(async () =>
    {
        var batch = 1;
        for (var n = 1; n <= count; n += batch)
        {
            batch = Math.Min(1 + (n % 37), count - n + 1);
            await writer.Append(Numbered(tag, n, batch, padding: 30));
        }
    });
}
