using System.Diagnostics;
using System.Text.Json;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// Issue 12, part 2: after the daemon dies by SIGKILL, the next daemon ends what it left running before
/// it resurrects anything, so every app runs exactly once, the HTTP app's port is answered by the
/// managed copy, and no orphan is left; and what an app wrote while no daemon read it reaches its log.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Resurrect_AfterDaemonSigkill_RunsExactlyOneCopyOfEachAppAndNoOrphans()
    {
        await using var od = new OdSandbox();
        var marked = new MarkedProcesses();
        try
        {
            var directory = TestApps.Write(od, "quiet.sh", "");
            var quiet = marked.Sleeper(directory, "-quiet");
            var forking = marked.Sleeper(directory, "-forking");
            WriteScript(Path.Combine(directory, "quiet.sh"), $"exec '{quiet}' 800");
            WriteScript(Path.Combine(directory, "forking.sh"), $"setsid '{forking}' 801 &\nexec '{forking}' 802");
            var port = FreePorts.Next();
            var web = Path.Combine(directory, marked.Marker + "-web.js");
            File.WriteAllText(web, $$"""
                require('http').createServer((_, res) => res.end(String(process.pid))).listen({{port}}, '127.0.0.1');
                """);

            Assert.Equal(0, (await od.RunInAsync(directory, "start", "quiet.sh", "--name", "quiet")).ExitCode);
            Assert.Equal(0, (await od.RunInAsync(directory, "start", "forking.sh", "--name", "forking")).ExitCode);
            Assert.Equal(0, (await od.RunInAsync(directory, "start", web, "--name", "web")).ExitCode);
            await TestApps.WaitForTableAsync(od, t => t.Count == 3 && t.All(p => p.Status == ProcessState.Online), "3 apps online");
            await WaitForAnswerAsync(port);
            Assert.Equal(0, (await od.RunAsync("save")).ExitCode);

            using (var daemon = Process.GetProcessById(od.ReadDaemonPid()!.Value))
            {
                daemon.Kill(); // SIGKILL: no shutdown runs, the apps are left behind
                await daemon.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }

            Assert.Equal(4, marked.Find().Count); // left running by the dead daemon, as before the fix
            var restart = await od.RunAsync("daemon", "start", "--resurrect");
            Assert.True(restart.ExitCode == 0, restart.ToString());
            var table = await TestApps.WaitForTableAsync(od, t => t.Count == 3 && t.All(p => p.Status == ProcessState.Online), "3 apps online again");

            Assert.Single(marked.Find("-quiet 800"));
            Assert.Single(marked.Find("-forking 801"));
            Assert.Single(marked.Find("-forking 802"));
            Assert.Single(marked.Find("-web.js"));
            var webPid = table.Single(p => p.Name == "web").Pid;
            Assert.Equal(webPid.ToString(), await WaitForAnswerAsync(port));
            Assert.Equal(table.Select(p => p.Pid!.Value).Order(), marked.Find().Where(p => !p.CommandLine.Contains(" 801", StringComparison.Ordinal)).Select(p => p.Pid).Order());
            var log = await File.ReadAllTextAsync(Path.Combine(od.Home, "daemon.log"));
            Assert.Contains("was left running by a previous daemon", log, StringComparison.Ordinal);

            Assert.Equal(0, (await od.RunAsync("daemon", "stop")).ExitCode);
            await Poll.UntilAsync(() => marked.Find().Count == 0, $"nothing is left after od daemon stop (left: {marked.Describe()})");
        }
        finally
        {
            marked.KillAll();
        }
    }

    [Fact]
    public async Task DaemonSigkill_WhatTheAppWritesWhileNoDaemonReads_IsInItsLogOnceTheNextDaemonStarts()
    {
        await using var od = new OdSandbox();
        // 100 lines, then (once the test says go, after the daemon was killed) 100 more, then a mark that they
        // were all written: before the fix the first of them met a closed socket and SIGPIPE ended the app.
        var directory = TestApps.Write(od, "lines.sh", "");
        WriteScript(Path.Combine(directory, "lines.sh"), """
            i=1; while [ $i -le 100 ]; do echo "line $i"; i=$((i+1)); done
            while [ ! -e go ]; do sleep 0.02; done
            while [ $i -le 200 ]; do echo "line $i"; i=$((i+1)); done
            touch written
            exec sleep 1000
            """);
        Assert.Equal(0, (await od.RunInAsync(directory, "start", "lines.sh", "--name", "lines")).ExitCode);
        var log = Path.Combine(od.Home, "logs", "lines-out.log");
        await Poll.UntilAsync(() => Lines(log).Contains("line 100"), "the first 100 lines in the log");

        using (var daemon = Process.GetProcessById(od.ReadDaemonPid()!.Value))
        {
            daemon.Kill();
            await daemon.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        File.WriteAllText(Path.Combine(directory, "go"), "");
        await Poll.UntilAsync(() => File.Exists(Path.Combine(directory, "written")), "the app wrote 100 more lines with no daemon reading them, and lives");
        var restart = await od.RunAsync("daemon", "start");
        Assert.True(restart.ExitCode == 0, restart.ToString());

        var daemonLog = Path.Combine(od.Home, "daemon.log");
        await Poll.UntilAsync(() => File.ReadAllText(daemonLog).Contains("the output it wrote while no daemon read it is in its logs", StringComparison.Ordinal), "the new daemon took the output back");
        Assert.Equal(Enumerable.Range(1, 200).Select(n => $"line {n}"), Lines(log));
    }

    // The messages of an app's JSON Lines log, in order.
    private static List<string> Lines(string log) =>
        File.Exists(log) ? [.. File.ReadAllLines(log).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("message").GetString()!)] : [];

    private static void WriteScript(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }


    /// <summary>Polls the HTTP app until it answers; returns the body (the answering process's pid).</summary>
    private static async Task<string> WaitForAnswerAsync(int port)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        string? body = null;
        await Poll.UntilAsync(
            () =>
            {
                try
                {
                    body = client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")).GetAwaiter().GetResult();
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            },
            $"the HTTP app answers on port {port}");
        return body!;
    }
}
