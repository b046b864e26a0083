using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>od reload and od scale on a real Node HTTP server in cluster mode, under a loop of requests on new connections.</summary>
public sealed class ReloadScaleCommandsTests
{
    // Exits at once when the file "broken" exists; says ready (process.send) after 3 s when "slow" exists.
    // On SIGINT/SIGTERM it closes its listener and exits once its in-flight requests are answered.
    private const string Server = """
        const fs = require('fs');
        const http = require('http');
        if (fs.existsSync('broken')) process.exit(3);
        const server = http.createServer((req, res) => res.end(String(process.pid)));
        server.listen(Number(process.env.PORT), () => setTimeout(() => process.send('ready'), fs.existsSync('slow') ? 3000 : 0));
        const stop = () => server.close(() => process.exit(0));
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        """;

    [Theory]
    [InlineData("shared")] // the kernel hands out connections from the one socket
    [InlineData("round-robin")] // the daemon accepts and hands them over the instances' IPC channels
    public async Task ReloadAndScale_UnderLoad_NoRequestFails_AFailingReloadLeavesTheOldRunsServing_ASecondReloadIsRefused(string strategy)
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "server.js", Server);
        var port = FreePorts.Next();
        File.WriteAllText(Path.Combine(dir, "opendaemon.config.json"), $$"""
            { "apps": [ { "name": "web", "script": "server.js", "mode": "cluster", "instances": 2, "port": {{port}}, "waitReady": true, "readyTimeout": "20s", "cluster": { "strategy": "{{strategy}}" } } ] }
            """);
        var start = await od.RunInAsync(dir, "start", "opendaemon.config.json");
        Assert.True(start.ExitCode == 0, start.ToString());
        var first = await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "both online");

        using var load = new RequestLoop(port);
        await Poll.UntilAsync(() => load.Succeeded >= 20, "the server answers");

        var reload = await od.RunAsync("reload", "web");
        Assert.True(reload.ExitCode == 0, reload.ToString());
        var reloaded = await TestApps.ListAsync(od);
        Assert.Equal(first.Select(p => p.Id), reloaded.Select(p => p.Id));
        Assert.DoesNotContain(reloaded, p => first.Any(old => old.Pid == p.Pid));

        var up = await od.RunAsync("scale", "web", "3");
        Assert.True(up.ExitCode == 0, up.ToString());
        await TestApps.WaitForTableAsync(od, t => t.Count == 3 && t.All(p => p.Status == ProcessState.Online), "three online");
        var down = await od.RunAsync("scale", "web", "-1");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal(reloaded.Select(p => p.Pid), (await TestApps.ListAsync(od)).Select(p => p.Pid));

        var served = load.Succeeded;
        await Poll.UntilAsync(() => load.Succeeded >= served + 20, "requests keep being answered after the scale");
        var (succeeded, failures) = await load.StopAsync();
        Assert.True(failures.Count == 0, $"{failures.Count} of {succeeded + failures.Count} requests failed: {string.Join("; ", failures.Take(5))}");

        // A second reload while one runs is refused, saying what is in progress.
        File.WriteAllText(Path.Combine(dir, "slow"), "");
        var slow = od.RunAsync("reload", "web");
        await TestApps.WaitForTableAsync(od, t => t.Any(p => p.Activity?.StartsWith("reloading", StringComparison.Ordinal) == true), "the reload shows in od ls");
        var second = await od.RunAsync("reload", "web");
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("OPERATION_IN_PROGRESS", second.StandardError, StringComparison.Ordinal);
        Assert.Contains("a reload is in progress", second.StandardError, StringComparison.Ordinal);
        var slowResult = await slow;
        Assert.True(slowResult.ExitCode == 0, slowResult.ToString());
        File.Delete(Path.Combine(dir, "slow"));

        // A new version that never becomes ready: the old pids still serve and od reload says why.
        var before = await TestApps.ListAsync(od);
        File.WriteAllText(Path.Combine(dir, "broken"), "");
        var broken = await od.RunAsync("reload", "web");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("RELOAD_FAILED", broken.StandardError, StringComparison.Ordinal);
        Assert.Contains("exited before it was ready", broken.StandardError, StringComparison.Ordinal);
        var after = await TestApps.ListAsync(od);
        Assert.Equal(before.Select(p => p.Pid), after.Select(p => p.Pid));
        Assert.All(after, p => Assert.Equal(ProcessState.Online, p.Status));
        using var client = new HttpClient();
        var pid = int.Parse(await client.GetStringAsync($"http://127.0.0.1:{port}/").WaitAsync(TimeSpan.FromSeconds(30)), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(pid, before.Select(p => p.Pid ?? 0));
    }
}
