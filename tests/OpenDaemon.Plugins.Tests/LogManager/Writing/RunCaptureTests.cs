using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.LogManager;
using OpenDaemon.Plugins.LogManager.Writing;
using OpenDaemon.Testing;
using Xunit.Abstractions;
using static OpenDaemon.Plugins.Tests.LogManager.Writing.WriterTestSupport;

namespace OpenDaemon.Plugins.Tests.LogManager.Writing;

public sealed class RunCaptureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Capture_MillionLines_EveryEntryOnDiskInOrder()
    {
        const int Lines = 1_000_000;
        using var directory = new TempDirectory();
        await using var writers = Registry();
        var paths = Paths(directory, "seq");
        var clock = Stopwatch.StartNew();

        using var run = CapturedRun.Start($"exec seq 1 {Lines}", CapturedRun.App("seq"), paths, writers);
        await run.CompleteAsync();
        clock.Stop();

        var count = 0;
        string? first = null;
        foreach (var line in File.ReadLines(paths.Out))
        {
            first ??= line;
            count++;
            if (LogFileContents.Message(line) != count.ToString(CultureInfo.InvariantCulture))
            {
                Assert.Fail($"entry {count} is {line}");
            }
        }

        output.WriteLine($"{Lines:N0} lines captured in {clock.Elapsed.TotalMilliseconds:N0} ms: {Lines / clock.Elapsed.TotalSeconds:N0} lines/s (child start included)");
        Assert.Equal(Lines, count);
        var entry = LogFileContents.Parse(first!);
        Assert.Equal(("info", "1", "stdout", "seq", 0, run.Process.Pid), (entry.GetProperty("level").GetString(), entry.GetProperty("message").GetString(), entry.GetProperty("source").GetString(), entry.GetProperty("processName").GetString(), entry.GetProperty("instanceId").GetInt32(), entry.GetProperty("pid").GetInt32()));
        Assert.Equal(0, new FileInfo(paths.Err).Length);
    }

    [Fact]
    public async Task Capture_FiftyConcurrentRuns_EveryFileHasEveryLine()
    {
        const int Runs = 50;
        const int Lines = 20_000;
        using var directory = new TempDirectory();
        await using var writers = Registry();
        var apps = Enumerable.Range(0, Runs).Select(i => (Paths: Paths(directory, $"app{i}"), Config: CapturedRun.App($"app{i}"))).ToList();

        var runs = apps.Select(app => CapturedRun.Start($"exec seq 1 {Lines}", app.Config, app.Paths, writers)).ToList();
        try
        {
            await Task.WhenAll(runs.Select(run => run.CompleteAsync()));
        }
        finally
        {
            runs.ForEach(run => run.Dispose());
        }

        Assert.All(apps, app =>
        {
            var numbers = File.ReadLines(app.Paths.Out).Select(line => int.Parse(LogFileContents.Message(line), CultureInfo.InvariantCulture)).ToList();
            AssertContiguous(numbers, 1, Lines);
        });
    }

    [Fact]
    public async Task Capture_AppPauses_ItsLinesAreInTheFileWithoutWaitingForTheFlushInterval()
    {
        using var directory = new TempDirectory();
        // A clock that never moves: the flush timer never fires, so only the pause can write the line.
        await using var writers = Registry(new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        var paths = Paths(directory, "quiet");

        using var run = CapturedRun.Start("echo first; exec sleep 1000", CapturedRun.App("quiet"), paths, writers);

        await Poll.UntilAsync(
            () => File.Exists(paths.Out) && File.ReadLines(paths.Out).Any(line => LogFileContents.Message(line) == "first"),
            "the line in the file while the app still runs");
        Assert.False(run.Process.Exited.IsCompleted);
    }

    [Fact]
    public async Task Capture_ChildKilledMidBurst_EveryLineItWroteIsOnDisk()
    {
        using var directory = new TempDirectory();
        await using var writers = Registry();
        var paths = Paths(directory, "burst");
        // Each number goes to stdout, then to stderr: stderr is the child's own record of what it wrote.
        using var run = CapturedRun.Start("i=0; while :; do i=$((i+1)); echo $i; echo $i >&2; done", CapturedRun.App("burst"), paths, writers);
        await Poll.UntilAsync(() => run.Capture.LastLines().Any(line => line.StartsWith("stdout ", StringComparison.Ordinal) && int.Parse(line[7..], CultureInfo.InvariantCulture) >= 20_000), "line 20,000 of stdout is captured", TestTimeouts.Process);

        Assert.True(Signals.SendToGroup(run.Process.Pid, 9));
        var exit = await run.CompleteAsync();

        Assert.Equal(9, exit.Signal);
        var written = Messages(paths.Out);
        var reported = Messages(paths.Err);
        AssertContiguous(written, 1, written.Count);
        AssertContiguous(reported, 1, reported.Count);
        Assert.InRange(written.Count, Math.Max(20_000, reported.Count), reported.Count + 1);
        output.WriteLine($"killed after {written.Count:N0} lines on stdout, {reported.Count:N0} on stderr");
    }

    [Fact]
    public async Task LastLines_BothStreams_TheLast200OldestFirst()
    {
        using var directory = new TempDirectory();
        await using var writers = Registry();
        using var run = CapturedRun.Start("for i in $(seq 1 150); do echo \"o$i\"; echo \"e$i\" >&2; done", CapturedRun.App("both"), Paths(directory, "both"), writers);
        await run.CompleteAsync();

        var lines = run.Capture.LastLines();

        Assert.Equal(200, lines.Count);
        Assert.Contains("stdout o150", lines);
        Assert.Contains("stderr e150", lines);
        Assert.All(lines, line => Assert.Matches("^(stdout o|stderr e)[0-9]+$", line));
        var stdout = lines.Where(line => line.StartsWith("stdout", StringComparison.Ordinal)).Select(line => int.Parse(line[8..], CultureInfo.InvariantCulture)).ToList();
        AssertContiguous(stdout, 151 - stdout.Count, 150);
    }

    [Fact]
    public async Task LastLines_OneLongStream_ExactlyTheLast200AndLongLinesCut()
    {
        using var directory = new TempDirectory();
        await using var writers = Registry();
        using var run = CapturedRun.Start("seq 1 1000; head -c 10000 /dev/zero | tr '\\0' x; echo; printf 'no newline'", CapturedRun.App("one"), Paths(directory, "one"), writers);
        await run.CompleteAsync();

        var lines = run.Capture.LastLines();

        Assert.Equal(200, lines.Count);
        Assert.Equal(Enumerable.Range(803, 198).Select(n => $"stdout {n}"), lines.Take(198));
        Assert.Equal("stdout " + new string('x', ChunkTail.MaxTextBytes), lines[198]);
        Assert.Equal("stdout no newline", lines[199]);
    }

    [Fact]
    public async Task Capture_LogPathCannotBeOpened_OutputDrainedAndRunCompletes()
    {
        using var directory = new TempDirectory();
        var logger = new RecordingLogger();
        await using var writers = Registry(logger: logger);
        var inTheWay = directory.File("dir");
        Directory.CreateDirectory(inTheWay);

        // 2 MB on each stream, far more than a socket holds: without draining the child would block forever.
        using var run = CapturedRun.Start("seq 1 300000; seq 1 300000 >&2", CapturedRun.App("blocked"), new ProcessLogPaths(inTheWay, inTheWay), writers);
        var exit = await run.CompleteAsync();

        Assert.Equal(0, exit.ExitCode);
        Assert.Single(logger.Entries, entry => entry.EventId.Id == 3301);
        Assert.Contains(run.Capture.LastLines(), line => line is "stdout 300000" or "stderr 300000");
    }

    [Fact]
    public async Task Capture_JsonLoggerLineOnStderr_StoredWithItsLevelMessageAndMetadata()
    {
        using var directory = new TempDirectory();
        await using var writers = Registry();
        var tap = new RecordingTap();
        var paths = Paths(directory, "pino");
        using var run = CapturedRun.Start("""echo '{"level":50,"time":1,"msg":"boom","code":7}' >&2; echo 'plain "quoted"'""", CapturedRun.App("pino"), paths, writers, tap);
        await run.CompleteAsync();

        var error = LogFileContents.Parse(Assert.Single(LogFileContents.Lines(paths.Err)));
        var plain = LogFileContents.Parse(Assert.Single(LogFileContents.Lines(paths.Out)));

        Assert.Equal(("error", "boom", "stderr"), (error.GetProperty("level").GetString(), error.GetProperty("message").GetString(), error.GetProperty("source").GetString()));
        Assert.Equal("""{"time":1,"code":7}""", error.GetProperty("metadata").GetRawText());
        Assert.Equal(("info", "plain \"quoted\"", false), (plain.GetProperty("level").GetString(), plain.GetProperty("message").GetString(), plain.TryGetProperty("metadata", out _)));
        var followed = tap.Entries.Single(entry => entry.Source == "stderr");
        Assert.Equal(("error", "boom", "pino", 0, run.Process.Pid), (followed.Level, followed.Message, followed.ProcessName, followed.InstanceId, followed.Pid));
        Assert.Equal(7, followed.Metadata!.Value.GetProperty("code").GetInt32());
        Assert.Equal(followed.Timestamp!.Value.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), error.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task Capture_StreamsSharingOneFile_EveryLineWhole()
    {
        using var directory = new TempDirectory();
        await using var writers = Registry();
        var file = directory.File("merged.log");
        using var run = CapturedRun.Start("for i in $(seq 1 5000); do echo $i; echo $i >&2; done", CapturedRun.App("merged"), new ProcessLogPaths(file, file), writers);
        await run.CompleteAsync();

        var entries = LogFileContents.Lines(file).Select(LogFileContents.Parse).ToList();

        Assert.Equal(10_000, entries.Count);
        foreach (var source in new[] { "stdout", "stderr" })
        {
            var numbers = entries.Where(entry => entry.GetProperty("source").GetString() == source).Select(entry => int.Parse(entry.GetProperty("message").GetString()!, CultureInfo.InvariantCulture)).ToList();
            AssertContiguous(numbers, 1, 5000);
        }
    }

    [Fact]
    public async Task Capture_TextFormat_FileHoldsTheRawBytes()
    {
        using var directory = new TempDirectory();
        await using var writers = Registry();
        var paths = Paths(directory, "text");
        using var run = CapturedRun.Start("printf 'a\\r\\nb\\n\\377raw\\nlast'", CapturedRun.App("text", new LogConfig { Format = LogFormat.Text }), paths, writers);
        await run.CompleteAsync();

        Assert.Equal([.. "a\nb\n"u8, 0xFF, .. "raw\nlast\n"u8], File.ReadAllBytes(paths.Out));
    }

    [Fact]
    public async Task Capture_SmallMaxSizeWithCompression_EveryLineOnceAcrossRotatedFiles()
    {
        const int Lines = 200_000;
        using var directory = new TempDirectory();
        await using var writers = Registry();
        var paths = Paths(directory, "rot");
        var logs = new LogConfig
        {
            Rotation = new RotationConfig { MaxSize = 256 * 1024, MaxFiles = 1000, Compress = true },
            History = long.MaxValue,
        };
        using var run = CapturedRun.Start($"exec seq 1 {Lines}", CapturedRun.App("rot", logs), paths, writers);
        await run.CompleteAsync();
        await writers.WhenBackgroundIdleAsync().WaitAsync(TestTimeouts.Process);

        var rotated = LogFileNames.FindRotated(paths.Out, null);
        var numbers = LogFileContents.AllLines(paths.Out).Select(line => int.Parse(LogFileContents.Message(line), CultureInfo.InvariantCulture)).ToList();

        Assert.InRange(rotated.Count, 50, 1000);
        Assert.All(rotated, file => Assert.True(file.Compressed));
        AssertContiguous(numbers, 1, Lines);
    }

    private static ProcessLogPaths Paths(TempDirectory directory, string name) =>
        new(directory.File($"{name}-out.log"), directory.File($"{name}-error.log"));

    private static List<int> Messages(string path) =>
        [.. File.ReadLines(path, Encoding.UTF8).Select(line => int.Parse(LogFileContents.Message(line), CultureInfo.InvariantCulture))];
}
