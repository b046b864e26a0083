using System.Text.Json;
using System.Text.RegularExpressions;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests.Pm2;

/// <summary>PM2's verbs through the real binary: by configuration file, by namespace, and PM2's own command names.</summary>
public sealed class Pm2CommandsTests
{
    private const string Ecosystem = """
        module.exports = { apps: [
          { name: 'a', script: './app.js', namespace: 'grp' },
          { name: 'b', script: './app.js', namespace: 'grp' },
        ]};
        """;

    // Stays up; on SIGUSR2 writes usr2.txt (proof the signal reached the app's own process).
    private const string SignalApp = """
        const fs = require('fs');
        process.on('SIGUSR2', () => fs.writeFileSync(__dirname + '/usr2-' + process.pid + '.txt', 'got it'));
        setInterval(() => {}, 1000);
        """;

    [Fact]
    public async Task ConfigFile_StartTwiceStopRestartDelete_ActOnItsApps()
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "app.js", TestApps.Reporter);
        await File.WriteAllTextAsync(Path.Combine(dir, "ecosystem.config.js"), Ecosystem);

        Assert.Equal(0, (await od.RunInAsync(dir, "start", "ecosystem.config.js")).ExitCode);
        var first = await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "both online");

        var again = await od.RunInAsync(dir, "start", "ecosystem.config.js");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("a was known: restarted", again.StandardOutput, StringComparison.Ordinal);
        var restarted = await TestApps.ListAsync(od);
        Assert.All(restarted, p => Assert.Equal(1, p.Restarts));
        Assert.NotEqual(first.Select(p => p.Pid), restarted.Select(p => p.Pid));

        var stop = await od.RunInAsync(dir, "stop", "ecosystem.config.js");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.All(await TestApps.ListAsync(od), p => Assert.Equal(ProcessState.Stopped, p.Status));

        Assert.Equal(0, (await od.RunAsync("restart", "grp")).ExitCode); // a namespace
        Assert.All(await TestApps.ListAsync(od), p => Assert.Equal(ProcessState.Online, p.Status));

        var reload = await od.RunInAsync(dir, "startOrReload", "ecosystem.config.js");
        Assert.True(reload.ExitCode == 0, reload.ToString());
        Assert.Contains("fork mode: restarted", reload.StandardOutput, StringComparison.Ordinal); // running apps reload; fork mode restarts, as PM2
        Assert.Equal(0, (await od.RunInAsync(dir, "startOrRestart", "ecosystem.config.js")).ExitCode);

        var delete = await od.RunInAsync(dir, "delete", "ecosystem.config.js");
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Empty(await TestApps.ListAsync(od));
    }

    [Fact]
    public async Task Pm2Verbs_AliasesPidSignalResetJlistDumpKill_BehaveAsInPm2()
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "app.js", SignalApp);
        Assert.Equal(0, (await od.RunInAsync(dir, "start", "app.js", "--name", "sig", "-i", "2")).ExitCode);
        var table = await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "online");

        foreach (var alias in new[] { "l", "ps" })
        {
            var list = await od.RunAsync(alias);
            Assert.True(list.ExitCode == 0, list.ToString());
            Assert.Contains("sig", list.StandardOutput, StringComparison.Ordinal);
        }

        // PM2's jlist shape: an array with pid, pm_id and pm2_env.status, as scripts written for PM2 read it.
        var jlist = await od.RunAsync("jlist");
        using (var pm2Shape = JsonDocument.Parse(jlist.StandardOutput))
        {
            var entries = pm2Shape.RootElement.EnumerateArray().ToList();
            Assert.Equal(table.Select(p => p.Pid), entries.Select(e => (int?)e.GetProperty("pid").GetInt32()));
            Assert.Equal(table.Select(p => p.Id), entries.Select(e => e.GetProperty("pm_id").GetInt32()));
            Assert.All(entries, e => Assert.Equal("online", e.GetProperty("pm2_env").GetProperty("status").GetString()));
        }

        var pretty = await od.RunAsync("prettylist");
        Assert.True(pretty.StandardOutput.Split('\n').Length > 10, pretty.ToString());
        using (var prettyShape = JsonDocument.Parse(pretty.StandardOutput))
        {
            Assert.Equal(2, prettyShape.RootElement.GetArrayLength());
        }

        var pid = await od.RunAsync("pid", "sig");
        Assert.Equal(table.Select(p => p.Pid!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), pid.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var signal = await od.RunAsync("sendSignal", "SIGUSR2", "sig");
        Assert.True(signal.ExitCode == 0, signal.ToString());
        await Poll.UntilAsync(() => table.All(p => File.Exists(Path.Combine(dir, $"usr2-{p.Pid}.txt"))), "both instances got SIGUSR2");
        Assert.Equal(1, (await od.RunAsync("signal", "NOPE", "sig")).ExitCode);

        Assert.Equal(0, (await od.RunAsync("restart", "sig")).ExitCode);
        Assert.All(await TestApps.ListAsync(od), p => Assert.Equal(1, p.Restarts));
        var reset = await od.RunAsync("reset", "sig");
        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.All(await TestApps.ListAsync(od), p => Assert.Equal(0, p.Restarts));

        Assert.Equal(0, (await od.RunAsync("desc", "sig")).ExitCode);
        Assert.Equal(0, (await od.RunAsync("dump")).ExitCode);
        Assert.Contains("\"sig\"", await File.ReadAllTextAsync(Path.Combine(od.Home, "dump.json")), StringComparison.Ordinal);
        Assert.Equal(0, (await od.RunAsync("cleardump")).ExitCode);
        Assert.DoesNotContain("\"sig\"", await File.ReadAllTextAsync(Path.Combine(od.Home, "dump.json")), StringComparison.Ordinal);

        var kill = await od.RunAsync("kill");
        Assert.True(kill.ExitCode == 0, kill.ToString());
        Assert.False(od.DaemonHoldsLock);
        Assert.All(table, p => Assert.False(TestApps.IsAlive(p.Pid!.Value)));
        var killAgain = await od.RunAsync("kill");
        Assert.Equal(0, killAgain.ExitCode);
        Assert.Contains("no daemon was running", killAgain.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Pm2Dump_SaysToUseImportAndStartsNothing()
    {
        await using var od = new OdSandbox();
        var dump = Path.Combine(od.Home, "dump.pm2");
        await File.WriteAllTextAsync(dump, "[]");

        var start = await od.RunAsync("start", dump);

        Assert.Equal(1, start.ExitCode);
        Assert.Contains("od import pm2", start.StandardError, StringComparison.Ordinal);
        Assert.False(od.DaemonHoldsLock);
    }

    [Fact]
    public async Task Pm2LogFiles_PlainLinesTimePrefixCombinedFile_AndStructuredReadsStillWork()
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "app.js", """
            console.log('out 1'); console.error('err 1');
            setInterval(() => {}, 1000);
            """);
        await File.WriteAllTextAsync(Path.Combine(dir, "ecosystem.config.js"), """
            module.exports = { apps: [
              { name: 'timed', script: './app.js', log_date_format: 'YYYY-MM-DDTHH:mm:ss', out_file: './timed-out.log', error_file: './timed-err.log',
                logs: { combinedFile: './timed.log' } },
              { name: 'plain', script: './app.js', out_file: './plain-out.log', error_file: './plain-err.log' },
            ]};
            """);

        Assert.Equal(0, (await od.RunInAsync(dir, "start", "ecosystem.config.js")).ExitCode);
        await Poll.UntilAsync(() => LinesOf(Path.Combine(dir, "timed.log")).Length == 2 && LinesOf(Path.Combine(dir, "plain-err.log")).Length == 1, "log lines written");

        var prefix = new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d: ");
        Assert.Equal(["out 1"], LinesOf(Path.Combine(dir, "plain-out.log")));
        Assert.Equal(["err 1"], LinesOf(Path.Combine(dir, "plain-err.log")));
        var timedOut = Assert.Single(LinesOf(Path.Combine(dir, "timed-out.log")));
        Assert.Matches(prefix, timedOut);
        Assert.EndsWith(": out 1", timedOut, StringComparison.Ordinal);
        Assert.Equal(["err 1", "out 1"], LinesOf(Path.Combine(dir, "timed.log")).Select(line => prefix.Replace(line, "")).Order(StringComparer.Ordinal));

        var errors = await od.RunAsync("logs", "timed", "--level", "error", "--since", "10m", "--raw");
        Assert.Equal(["err 1"], errors.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var stamped = await od.RunAsync("logs", "timed", "--out", "--timestamp", "[at] HH:mm");
        Assert.Matches(@"^timed\|at \d\d:\d\d out 1$", stamped.StandardOutput.Trim());
    }

    [Fact]
    public async Task ReloadLogs_AfterTheFileWasMoved_WritesANewFileAtItsPath()
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "app.js", "let i = 0; setInterval(() => console.log('tick ' + i++), 20);");
        Assert.Equal(0, (await od.RunInAsync(dir, "start", "app.js", "--name", "ticker")).ExitCode);
        var log = Path.Combine(od.Home, "logs", "ticker-out.log");
        await Poll.UntilAsync(() => File.Exists(log) && new FileInfo(log).Length > 0, "first lines");
        File.Move(log, log + ".1");

        var reload = await od.RunAsync("reloadLogs");

        Assert.True(reload.ExitCode == 0, reload.ToString());
        await Poll.UntilAsync(() => File.Exists(log) && new FileInfo(log).Length > 0, "lines in a new file at the configured path");
    }

    private static string[] LinesOf(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];
}
