using System.Globalization;
using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// <c>od logs</c>, <c>od logs -f</c>, <c>od flush</c> and the crash log through the real binary, a real
/// daemon and real apps: structured capture, filters, rotated and gzipped history, following across
/// rotation, and nothing lost when the daemon stops mid-burst.
/// </summary>
public sealed class LogCommandsTests
{
    // A pino-style JSON warning, 30 plain lines, 5 stderr lines, then it idles.
    private const string MixedLogger = """
        console.log(JSON.stringify({ level: 40, time: Date.now(), msg: "disk almost full", pid: process.pid, free: 3 }));
        for (let i = 1; i <= 30; i++) console.log("out " + i);
        for (let i = 1; i <= 5; i++) console.error("err " + i);
        setInterval(() => {}, 1000);
        """;

    // Writes "waiting" until the file `go` appears, then `line 1` .. `line 20000`, then idles.
    private const string BurstOnGo = """
        const fs = require("fs");
        const wait = setInterval(() => {
          if (!fs.existsSync("go")) { console.log("waiting"); return; }
          clearInterval(wait);
          let text = "";
          for (let i = 1; i <= 20000; i++) text += "line " + i + " " + "x".repeat(40) + "\n";
          process.stdout.write(text);
          setInterval(() => {}, 1000);
        }, 50);
        """;

    [Fact]
    public async Task Logs_MixedOutput_ShowsRecentLinesWithLevelsAndFilters()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", MixedLogger);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "app.js", "--name", "mixed")).ExitCode);
        await WaitForEntriesAsync(od, ["mixed"], 36);

        var last = await od.RunAsync("logs", "mixed", "--lines", "3", "--out");
        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal(["mixed|out 28", "mixed|out 29", "mixed|out 30"], Lines(last.StandardOutput));

        var warnings = await SearchAsync(od, "mixed", "--level", "warn");
        Assert.Equal(6, warnings.Count);
        // stdout and stderr are two pipes read apart, so their lines' order between the streams is not fixed.
        var pino = Assert.Single(warnings, entry => entry.Source == "stdout");
        Assert.Equal(("warn", "disk almost full"), (pino.Level, pino.Message));
        Assert.Equal(3, pino.Metadata!.Value.GetProperty("free").GetInt32());
        Assert.All(warnings.Where(entry => entry.Source != "stdout"), entry => Assert.Equal(("error", "stderr"), (entry.Level, entry.Source)));

        var grep = await SearchAsync(od, "mixed", "--grep", "^out 1[0-2]$");
        Assert.Equal(["out 10", "out 11", "out 12"], grep.Select(entry => entry.Message));
        Assert.All(grep, entry => Assert.Equal(("mixed", 0), (entry.ProcessName, entry.InstanceId!.Value)));
    }

    [Fact]
    public async Task Logs_BadInput_FailsWithOneLineAndCode()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", MixedLogger);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "app.js", "--name", "mixed")).ExitCode);

        var level = await od.RunAsync("logs", "--level", "loud");
        var grep = await od.RunAsync("logs", "--grep", "(unclosed");
        var since = await od.RunAsync("logs", "--since", "yesterday-ish");
        var unknown = await od.RunAsync("logs", "nope");
        var flushUnknown = await od.RunAsync("flush", "nope");

        Assert.Contains("INVALID_PARAMS: --level must be one of", level.StandardError, StringComparison.Ordinal);
        Assert.Contains("INVALID_PARAMS: grep is not a valid regular expression", grep.StandardError, StringComparison.Ordinal);
        Assert.Contains("INVALID_PARAMS: --since must be a duration", since.StandardError, StringComparison.Ordinal);
        Assert.Contains("PROCESS_NOT_FOUND", unknown.StandardError, StringComparison.Ordinal);
        Assert.Contains("PROCESS_NOT_FOUND", flushUnknown.StandardError, StringComparison.Ordinal);
        Assert.All([level, grep, since, unknown, flushUnknown], result =>
        {
            Assert.Equal(1, result.ExitCode);
            Assert.Single(Lines(result.StandardError));
        });
    }

    [Fact]
    public async Task Follow_WhileTheFileRotates_PrintsEveryLineOnceInOrder()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", BurstOnGo);
        File.WriteAllText(Path.Combine(app, "od.yaml"), "apps:\n  - name: burst\n    script: ./app.js\n    logs:\n      rotation: { maxSize: 64K, maxFiles: 100 }\n");
        Assert.Equal(0, (await od.RunInAsync(app, "start", "od.yaml")).ExitCode);
        var follower = od.Start("logs", "burst", "-f", "--lines", "0", "--grep", "^(waiting|line \\d+)");

        Assert.Equal("burst|waiting", await ReadLineAsync(follower));
        File.WriteAllText(Path.Combine(app, "go"), "");
        var next = 1;
        while (next <= 20000)
        {
            var line = await ReadLineAsync(follower);
            if (line != "burst|waiting")
            {
                Assert.Equal($"burst|line {next} {new string('x', 40)}", line);
                next++;
            }
        }

        Assert.True(Directory.GetFiles(Path.Combine(od.Home, "logs"), "burst-out__*").Length >= 5, "the file rotated while the follower read");
    }

    [Fact]
    public async Task Search_GrepSinceAndUntil_ReadRotatedGzippedFiles()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", BurstOnGo);
        File.WriteAllText(Path.Combine(app, "go"), "");
        File.WriteAllText(Path.Combine(app, "od.yaml"), "apps:\n  - name: burst\n    script: ./app.js\n    logs:\n      rotation: { maxSize: 64K, maxFiles: 100, compress: true }\n");
        Assert.Equal(0, (await od.RunInAsync(app, "start", "od.yaml")).ExitCode);
        var all = await WaitForEntriesAsync(od, ["burst"], 20000);
        var logs = Path.Combine(od.Home, "logs");
        await Poll.UntilAsync(() => Directory.GetFiles(logs, "burst-out__*.log.gz").Length >= 10, "rotated files were gzipped");

        var first = await SearchAsync(od, "burst", "--grep", "^line 7 ");
        Assert.Equal(["line 7 " + new string('x', 40)], first.Select(entry => entry.Message));

        var middle = all[10000].Timestamp!.Value;
        var expectedSince = all.Count(entry => entry.Timestamp >= middle);
        var expectedUntil = all.Count(entry => entry.Timestamp <= middle);
        var since = await SearchAsync(od, "burst", "--since", middle.ToString("O", CultureInfo.InvariantCulture));
        var until = await SearchAsync(od, "burst", "--until", middle.ToString("O", CultureInfo.InvariantCulture));

        Assert.Equal(expectedSince, since.Count);
        Assert.Equal(expectedUntil, until.Count);
        Assert.Equal("line 1 " + new string('x', 40), until[0].Message);
    }

    [Fact]
    public async Task Logs_AMillionLinesAsJson_ReturnsAllOfAnAppThatWrote150000AcrossGzippedFiles()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", """
            let text = "";
            for (let i = 1; i <= 150000; i++) text += "line " + i + "\n";
            process.stdout.write(text);
            setInterval(() => {}, 1000);
            """);
        File.WriteAllText(Path.Combine(app, "od.yaml"), "apps:\n  - name: big\n    script: ./app.js\n    logs:\n      rotation: { maxSize: 2M, maxFiles: 100, compress: true }\n");
        Assert.Equal(0, (await od.RunInAsync(app, "start", "od.yaml")).ExitCode);
        var logs = Path.Combine(od.Home, "logs");
        var captured = System.Diagnostics.Stopwatch.StartNew();
        while (!(await SearchAsync(od, "big", "--lines", "1")).Any(entry => entry.Message == "line 150000"))
        {
            Assert.True(captured.Elapsed < TimeSpan.FromSeconds(30), "the app's last line was not captured within 30 s");
        }

        await Poll.UntilAsync(() => Directory.GetFiles(logs, "big-out__*.log.gz").Length >= 2, "rotated files were gzipped");

        var result = await od.RunAsync("logs", "big", "--lines", "1000000", "--json");
        var tooFew = await od.RunAsync("logs", "big", "--lines", "0");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var messages = Lines(result.StandardOutput).Select(line => JsonSerializer.Deserialize(line, ContractsJsonContext.Default.LogEntry)!.Message).ToList();
        Assert.Equal(150_000, messages.Count);
        Assert.Equal(Enumerable.Range(1, 150_000).Select(n => $"line {n}"), messages);
        Assert.Equal(1, tooFew.ExitCode);
        Assert.Contains("INVALID_PARAMS: --lines must be 1 or more", tooFew.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaemonStop_MidBurst_KeepsEveryLineTheAppWrote()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "spam.py", "import itertools, sys\nfor i in itertools.count(1):\n    sys.stdout.write(f'{i}\\n')\n");
        // One file to count: rotation (tested on its own) would move the first lines away mid-test.
        File.WriteAllText(Path.Combine(app, "od.yaml"), "apps:\n  - name: spam\n    script: ./spam.py\n    logs: { rotation: { enabled: false } }\n");
        Assert.Equal(0, (await od.RunInAsync(app, "start", "od.yaml")).ExitCode);
        var file = Path.Combine(od.Home, "logs", "spam-out.log");
        await Poll.UntilAsync(() => File.Exists(file) && new FileInfo(file).Length > 2_000_000, "the app wrote two megabytes of log");

        var stop = await od.RunAsync("daemon", "stop");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        var numbers = File.ReadLines(file).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("message").GetString()!).ToList();
        // The app died between two writes of its 8 KiB stdout buffer: the last line may be cut, none may be missing.
        for (var i = 0; i < numbers.Count - 1; i++)
        {
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), numbers[i]);
        }

        Assert.StartsWith(numbers[^1], numbers.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.True(numbers.Count > 10_000, $"{numbers.Count} lines");
    }

    [Fact]
    public async Task Info_CrashAfterManyLines_KeepsTheLast200WithTheExitRecord()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", "for (let i = 1; i <= 300; i++) console.log('step ' + i);\nconsole.error('fatal: out of cheese');\nprocess.exitCode = 3;\n");
        File.WriteAllText(Path.Combine(app, "od.yaml"), "apps:\n  - name: cheese\n    script: ./app.js\n    autoRestart: never\n");
        Assert.Equal(0, (await od.RunInAsync(app, "start", "od.yaml")).ExitCode);
        await TestApps.WaitForTableAsync(od, t => t.Single().Status == ProcessState.Errored, "the app crashed");

        var info = await od.RunAsync("info", "cheese", "--json");
        var exit = JsonSerializer.Deserialize(info.StandardOutput, ContractsJsonContext.Default.ProcessDetailList)!.Processes.Single().LastExit!;

        Assert.Equal(3, exit.ExitCode);
        Assert.Equal(200, exit.LastLines.Count);
        Assert.Contains("stderr fatal: out of cheese", exit.LastLines);
        // The two streams are read side by side, so where the stderr line falls among the last stdout lines varies.
        var steps = exit.LastLines.Where(line => line.StartsWith("stdout ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(301 - steps.Count, steps.Count).Select(i => $"stdout step {i}"), steps);
        var human = await od.RunAsync("info", "cheese");
        Assert.Contains("crash log: (last 20 of 200; --json has all)", human.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaemonFlush_NamedApp_WritesAndListsItsLogFiles()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", MixedLogger);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "app.js", "--name", "mixed")).ExitCode);
        await WaitForEntriesAsync(od, ["mixed"], 36);

        var flush = await od.RunAsync("daemon", "flush", "mixed", "--json");

        Assert.True(flush.ExitCode == 0, flush.ToString());
        var files = JsonSerializer.Deserialize(flush.StandardOutput, ContractsJsonContext.Default.LogFlushResult)!.Files;
        Assert.Equal([Path.Combine(od.Home, "logs", "mixed-out.log"), Path.Combine(od.Home, "logs", "mixed-error.log")], files);
        Assert.Equal(31, File.ReadAllLines(files[0]).Length);
        Assert.Equal(5, File.ReadAllLines(files[1]).Length);
    }

    [Fact]
    public async Task Flush_NamedApp_EmptiesItsLogFilesAsPm2Does()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", MixedLogger);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "app.js", "--name", "mixed")).ExitCode);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "app.js", "--name", "other")).ExitCode);
        await WaitForEntriesAsync(od, ["mixed"], 36);
        await WaitForEntriesAsync(od, ["other"], 36);

        var flush = await od.RunAsync("flush", "mixed", "--json");

        Assert.True(flush.ExitCode == 0, flush.ToString());
        var files = JsonSerializer.Deserialize(flush.StandardOutput, ContractsJsonContext.Default.LogFlushResult)!.Files;
        Assert.Equal([Path.Combine(od.Home, "logs", "mixed-out.log"), Path.Combine(od.Home, "logs", "mixed-error.log")], files);
        Assert.All(files, file => Assert.Equal(0, new FileInfo(file).Length));
        Assert.Equal(31, File.ReadAllLines(Path.Combine(od.Home, "logs", "other-out.log")).Length);
        var logs = await od.RunAsync("logs", "mixed");
        Assert.Contains("no matching log lines", logs.StandardError, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<LogEntry>> WaitForEntriesAsync(OdSandbox od, string[] targets, int count)
    {
        IReadOnlyList<LogEntry> entries = [];
        await Poll.UntilAsync(
            async () => (entries = await SearchAsync(od, [.. targets, "--lines", "100000"])).Count >= count,
            () => $"{count} log entries of {string.Join(",", targets)}; have {entries.Count}: {string.Join(" | ", entries.Select(e => e.Message))}",
            TimeSpan.FromSeconds(60));
        Assert.Equal(count, entries.Count);
        return entries;
    }

    private static async Task<IReadOnlyList<LogEntry>> SearchAsync(OdSandbox od, params string[] arguments)
    {
        var result = await od.RunAsync(["logs", .. arguments, .. arguments.Contains("--lines") ? Array.Empty<string>() : ["--lines", "100000"], "--json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return [.. Lines(result.StandardOutput).Select(line => JsonSerializer.Deserialize(line, ContractsJsonContext.Default.LogEntry)!)];
    }

    private static async Task<string> ReadLineAsync(System.Diagnostics.Process follower) =>
        await follower.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)) ?? throw new InvalidOperationException("the follower exited");

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
