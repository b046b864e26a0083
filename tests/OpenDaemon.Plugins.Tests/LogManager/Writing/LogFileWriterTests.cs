using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.LogManager.Writing;
using OpenDaemon.Testing;
using static OpenDaemon.Plugins.Tests.LogManager.Writing.WriterTestSupport;

namespace OpenDaemon.Plugins.Tests.LogManager.Writing;

public sealed class LogFileWriterTests
{
    [Fact]
    public async Task Append_BelowBufferSize_InFileOnlyAfterFlush()
    {
        using var directory = new TempDirectory();
        await using var registry = Registry();
        using var lease = registry.Acquire(directory.File("a.log"), NoRotation);

        await lease.Writer.Append("one\ntwo\n"u8);

        Assert.Equal(0, new FileInfo(directory.File("a.log")).Length);
        Assert.True(lease.Writer.Flush());
        Assert.Equal("one\ntwo\n", File.ReadAllText(directory.File("a.log")));
        Assert.Equal(0, lease.Writer.PendingBytes);
    }

    [Fact]
    public async Task Append_PastBufferSize_WrittenWithoutFlush()
    {
        using var directory = new TempDirectory();
        await using var registry = Registry(bufferSize: 1024);
        using var lease = registry.Acquire(directory.File("a.log"), NoRotation);
        var lines = Numbered("x", 1, 200); // 2,000 bytes

        await lease.Writer.Append(lines);

        Assert.Equal(lines, File.ReadAllBytes(directory.File("a.log")));
    }

    [Fact]
    public async Task FlushDue_OnlyOnceTheOldestLineWaitedTheInterval()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeSpan.Zero));
        await using var registry = Registry(time);
        using var lease = registry.Acquire(directory.File("a.log"), NoRotation);
        await lease.Writer.Append("first\n"u8);
        time.Advance(TimeSpan.FromMilliseconds(60));
        await lease.Writer.Append("second\n"u8);

        registry.FlushDue(time.GetUtcNow());
        var early = File.ReadAllText(directory.File("a.log"));
        time.Advance(TimeSpan.FromMilliseconds(40));
        registry.FlushDue(time.GetUtcNow());

        Assert.Equal(string.Empty, early);
        Assert.Equal("first\nsecond\n", File.ReadAllText(directory.File("a.log")));
    }

    [Fact]
    public async Task Acquire_PathIsADirectory_ReportedOnceAndOutputDiscarded()
    {
        using var directory = new TempDirectory();
        var logger = new RecordingLogger();
        await using var registry = Registry(logger: logger);
        Directory.CreateDirectory(directory.File("in-the-way"));

        using var lease = registry.Acquire(directory.File("in-the-way"), LogFileOptions.Default);
        var lines = Numbered("x", 1, 10_000);
        var appended = Enumerable.Range(0, 100).Select(_ => lease.Writer.Append(lines)).ToList();

        Assert.True(lease.Writer.IsDiscarding);
        Assert.All(appended, task => Assert.True(task.IsCompletedSuccessfully));
        Assert.True(lease.Writer.Flush());
        Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Error && entry.EventId.Id == 3301);
    }

    [Fact]
    public async Task Append_DiskFull_KeepsEveryByteAndMakesTheCallerWaitPastTheLimit()
    {
        // /dev/full fails every write with ENOSPC. Rotation stays off: a rename must never touch it.
        var logger = new RecordingLogger();
        await using var registry = Registry(bufferSize: 4096, logger: logger);
        using var lease = registry.Acquire("/dev/full", NoRotation);
        var batch = Numbered("x", 1, 100); // ~1 KiB
        var appended = new List<Task>();

        while (appended.Count == 0 || appended[^1].IsCompleted)
        {
            appended.Add(lease.Writer.Append(batch));
            Assert.True(appended.Count < 1000, "Append never pushed back");
        }

        Assert.Equal(appended.Count * (long)batch.Length, lease.Writer.PendingBytes);
        Assert.True(lease.Writer.PendingBytes > registry.Settings.MaxPendingBytes);
        Assert.False(lease.Writer.Flush());
        Assert.Single(logger.Entries, entry => entry.EventId.Id == 3302);

        Assert.False(lease.Writer.Close(force: false));
        var closed = lease.Writer.Close(force: true);

        Assert.False(closed);
        Assert.True(appended[^1].IsCompletedSuccessfully);
        Assert.Single(logger.Entries, entry => entry.EventId.Id == 3304);
    }

    [Fact]
    public async Task Append_AfterOutsideTruncation_ContinuesAtTheNewEnd()
    {
        // logrotate's copytruncate empties the file under us; appending at our old offset would leave a hole of zeros.
        using var directory = new TempDirectory();
        await using var registry = Registry();
        using var lease = registry.Acquire(directory.File("a.log"), NoRotation);
        await lease.Writer.Append("before\n"u8);
        lease.Writer.Flush();

        File.WriteAllBytes(directory.File("a.log"), []);
        await lease.Writer.Append("after\n"u8);
        lease.Writer.Flush();

        Assert.Equal("after\n", File.ReadAllText(directory.File("a.log")));
    }

    [Fact]
    public async Task Append_FromManyThreads_LinesNeverInterleave()
    {
        using var directory = new TempDirectory();
        await using var registry = Registry(bufferSize: 4096);
        using var lease = registry.Acquire(directory.File("a.log"), NoRotation);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(async () =>
        {
            for (var n = 1; n <= 2000; n += 50)
            {
                await lease.Writer.Append(Numbered($"t{thread}", n, 50, padding: thread * 7));
            }
        })));
        lease.Writer.Flush();

        var lines = LogFileContents.Lines(directory.File("a.log"));
        Assert.Equal(16_000, lines.Count);
        for (var thread = 0; thread < 8; thread++)
        {
            AssertContiguous(NumbersOf(lines, $"t{thread}"), 1, 2000);
        }

        Assert.All(lines, line => Assert.Equal(int.Parse(line[1..2], System.Globalization.CultureInfo.InvariantCulture) * 7, line.Length - line.TrimEnd(' ').Length));
    }

    [Fact]
    public async Task Release_SharedPath_OneWriterClosedWithTheLastLease()
    {
        using var directory = new TempDirectory();
        await using var registry = Registry();
        var first = registry.Acquire(directory.File("a.log"), NoRotation);
        var second = registry.Acquire(directory.File("sub/../a.log"), NoRotation);
        Assert.Same(first.Writer, second.Writer);
        await first.Writer.Append("a\n"u8);

        first.Dispose();
        first.Dispose(); // twice is once
        await second.Writer.Append("b\n"u8);
        var beforeLastRelease = File.ReadAllText(directory.File("a.log"));
        second.Dispose();

        Assert.Equal(string.Empty, beforeLastRelease);
        Assert.Equal("a\nb\n", File.ReadAllText(directory.File("a.log")));
        using var third = registry.Acquire(directory.File("a.log"), NoRotation);
        Assert.NotSame(first.Writer, third.Writer);
    }

    [Fact]
    public async Task DisposeAsync_FlushesEveryFile()
    {
        using var directory = new TempDirectory();
        var registry = Registry();
        var leases = Enumerable.Range(0, 5).Select(i => registry.Acquire(directory.File($"{i}.log"), NoRotation)).ToList();
        foreach (var lease in leases)
        {
            await lease.Writer.Append("line\n"u8);
        }

        await registry.DisposeAsync();

        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal("line\n", File.ReadAllText(directory.File($"{i}.log"))));
        Assert.Throws<ObjectDisposedException>(() => registry.Acquire(directory.File("late.log"), NoRotation));
        Assert.True(leases[0].Writer.Append("late\n"u8).IsCompletedSuccessfully);
        leases.ForEach(lease => lease.Dispose());
    }

    [Fact]
    public void Options_FromLogConfig_RotationDefaultsAndAShareOfTheAppsHistory()
    {
        var options = LogFileOptions.For(new LogConfig { History = 6 << 20 }, appFileCount: 2);
        var defaults = LogFileOptions.For(null, appFileCount: 1);

        Assert.Same(LogFileOptions.DefaultRotation, options.Rotation);
        Assert.Equal(10L << 20, options.Rotation.MaxSize);
        Assert.Equal(3 << 20, options.HistoryBytes);
        Assert.Equal(LogFileOptions.Default, defaults);
        Assert.Equal(100L << 20, defaults.HistoryBytes);
    }

    [Fact]
    public async Task Flush_DirectoryDeletedWhileWriting_RecreatesItAndTheNextLinesLandInTheNewFile()
    {
        using var directory = new TempDirectory();
        var logs = directory.File("logs");
        var logger = new RecordingLogger();
        await using var registry = Registry(logger: logger);
        using var lease = registry.Acquire(Path.Combine(logs, "app-out.log"), NoRotation);
        await lease.Writer.Append(Numbered("x", 1, 100));
        Assert.True(lease.Writer.Flush());

        Directory.Delete(logs, recursive: true);
        await lease.Writer.Append(Numbered("x", 101, 100));
        Assert.True(lease.Writer.Flush());

        var lines = File.ReadAllLines(Path.Combine(logs, "app-out.log"));
        AssertContiguous(NumbersOf(lines, "x"), 101, 200);
        var warning = Assert.Single(logger.Entries, entry => entry.EventId.Id == 3306);
        Assert.Contains("100 line(s)", warning.Message, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(logs));
    }
}
