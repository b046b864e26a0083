using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// The apps a daemon manages by itself: those of its <c>-c</c> file (reloaded with
/// <c>od daemon reload</c>), and apps run as another user through the <c>od</c> exec shim.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DaemonAppsTests
{
    [Fact]
    public async Task DaemonReload_StartsAddedStopsRemovedRestartsChangedAndLeavesTheRest()
    {
        await using var od = new OdSandbox();
        var directory = TestApps.Write(od, "sleep.sh", "#!/bin/sh\nexec sleep 1000\n");
        File.SetUnixFileMode(Path.Combine(directory, "sleep.sh"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var config = Path.Combine(directory, "opendaemon.config.yaml");
        File.WriteAllText(config, Apps(("keep", "1600ms"), ("change", "1600ms"), ("drop", "1600ms")));
        var start = await od.RunAsync("daemon", "start", "-c", config);
        Assert.True(start.ExitCode == 0, start.ToString());
        var before = await TestApps.WaitForTableAsync(od, t => t.Count == 3 && t.All(p => p.Status == ProcessState.Online), "the config's 3 apps online");

        File.WriteAllText(config, Apps(("keep", "1600ms"), ("change", "3s"), ("added", "1600ms")));
        var reload = await od.RunAsync("daemon", "reload");

        Assert.True(reload.ExitCode == 0, reload.ToString());
        var after = await TestApps.WaitForTableAsync(od, t => t.Count == 3 && t.All(p => p.Status == ProcessState.Online), "3 apps online after the reload");
        Assert.Equal(["added", "change", "keep"], after.Select(p => p.Name).Order());
        Assert.Equal(before.Single(p => p.Name == "keep").Pid, after.Single(p => p.Name == "keep").Pid);
        Assert.NotEqual(before.Single(p => p.Name == "change").Pid, after.Single(p => p.Name == "change").Pid);
        Assert.False(TestApps.IsAlive(before.Single(p => p.Name == "drop").Pid!.Value));

        string Apps(params (string Name, string KillTimeout)[] apps) =>
            "apps:\n" + string.Concat(apps.Select(app => $"  - name: {app.Name}\n    script: ./sleep.sh\n    killTimeout: {app.KillTimeout}\n"));
    }

    [Fact]
    public async Task Uid_RunsTheAppAsThatUser_ThroughTheExecShim()
    {
        if (Environment.UserName != "root")
        {
            // Switching users needs root; as another user the PERMISSION_DENIED path applies
            // (covered by the process manager's unit tests).
            return;
        }

        await using var od = new OdSandbox();
        // The sandbox is private (0700); nobody needs a directory it can enter.
        var directory = Directory.CreateTempSubdirectory("od-uid-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        var script = Path.Combine(directory, "whoami.sh");
        File.WriteAllText(script, "#!/bin/sh\nid -u > \"$1\"; umask >> \"$1\"; exec sleep 1000\n");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        var report = Path.Combine(directory, "report");
        File.WriteAllText(report, "");
        File.SetUnixFileMode(report, (UnixFileMode)0b110_110_110);
        var config = Path.Combine(directory, "nobody.config.yaml");
        File.WriteAllText(config, $"apps:\n  - name: nobody\n    script: ./whoami.sh\n    args: [\"{report}\"]\n    uid: nobody\n    umask: \"027\"\n");
        try
        {
            var start = await od.RunAsync("start", config);

            Assert.True(start.ExitCode == 0, start.ToString());
            var row = (await TestApps.WaitForTableAsync(od, t => t.Count == 1 && t[0].Status == ProcessState.Online, "the app online")).Single();
            Assert.Equal("nobody", row.User);
            await Poll.UntilAsync(() => File.ReadAllLines(report).Length == 2, "the app reported its uid and umask");
            Assert.Equal(["65534", "0027"], File.ReadAllLines(report));
        }
        finally
        {
            await od.RunAsync("delete", "all");
            Directory.Delete(directory, recursive: true);
        }
    }
}
