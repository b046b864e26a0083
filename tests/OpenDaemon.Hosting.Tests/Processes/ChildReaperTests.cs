using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using OpenDaemon.Hosting.Processes;
using static OpenDaemon.Hosting.Tests.Processes.ProcessTestSupport;

namespace OpenDaemon.Hosting.Tests.Processes;

/// <summary>
/// The test host itself becomes the subreaper: the sweep only reaps zombies outside our own session,
/// so the other tests' System.Diagnostics.Process children (same session) are never touched.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ChildReaperTests
{
    public ChildReaperTests() => ChildReaper.EnableSubreaper();

    [Fact]
    public async Task EnableSubreaper_AppExitsBeforeItsBackgroundChild_OrphanIsReapedNotLeftAZombie()
    {
        using SpawnedProcess process = SpawnSh("sleep 0.3 & echo $!; exit 0");
        int orphan = int.Parse(await ReadLineAsync(process.StandardOutput), CultureInfo.InvariantCulture);

        Assert.Equal(0, (await ExitedAsync(process)).ExitCode);

        // Re-parented to us (not to pid 1), then reaped on its SIGCHLD: gone from /proc, not 'Z'.
        char? state = State(orphan);
        Assert.True(state is null || StatFields(orphan)?[1] == Environment.ProcessId.ToString(CultureInfo.InvariantCulture), $"orphan {orphan} has another parent");
        await Poll.UntilAsync(() => State(orphan) is null, $"orphan {orphan} is gone from /proc");
        Assert.True(ChildReaper.IsSubreaper);
        Assert.True(ReaperThread.Instance.OrphansReaped > 0);
    }

    [Fact]
    public async Task EnableSubreaper_WhileOrphansAreSwept_ProcessClassStillGetsExitCodes()
    {
        // Our SIGCHLD registration must neither cancel nor race the runtime's own reaping by pid.
        using SpawnedProcess orphanMaker = SpawnSh("for i in 1 2 3 4 5; do sleep 0.05 & done; exit 0");
        Process[] children = Enumerable.Range(0, 10)
            .Select(i => Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"sleep 0.0{i}; exit {i + 3}"]) { UseShellExecute = false })!)
            .ToArray();
        try
        {
            foreach (Process child in children)
            {
                using var timeout = new CancellationTokenSource(TestTimeouts.Short);
                await child.WaitForExitAsync(timeout.Token);
            }

            Assert.Equal(Enumerable.Range(3, 10), children.Select(child => child.ExitCode));
            Assert.Equal(0, (await ExitedAsync(orphanMaker)).ExitCode);
        }
        finally
        {
            foreach (Process child in children)
            {
                child.Dispose();
            }
        }
    }

    [Fact]
    public async Task GroupExists_GroupOfOnlyAZombie_IsTrueUntilTheZombieIsReaped()
    {
        // The app forks a child into a group of its own and never waits for it: that group holds only
        // a zombie. kill(-pgid, 0) still succeeds, because a process leaves its group only when reaped.
        const string Script = """
            import os, time
            pid = os.fork()
            if pid == 0:
                os.setpgid(0, 0)
                os._exit(0)
            try:
                os.setpgid(pid, pid)
            except OSError:
                pass  # the child already did it and exited
            print(pid, flush=True)
            time.sleep(1000)
            """;
        using SpawnedProcess app = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/usr/bin/python3",
            Arguments = ["-c", Script],
            WorkingDirectory = "/",
            Environment = MinimalEnvironment,
        });
        int zombie = int.Parse(await ReadLineAsync(app.StandardOutput), CultureInfo.InvariantCulture);
        await Poll.UntilAsync(() => State(zombie) == 'Z', "the forked child is a zombie");

        Assert.True(Signals.GroupExists(zombie));

        // Its parent dies: the zombie is re-parented to us and the sweep reaps it.
        Assert.True(Signals.SendToGroup(app.Pid, Signals.Parse("KILL")));
        await ExitedAsync(app);
        await Poll.UntilAsync(() => !Signals.GroupExists(zombie), "the zombie's group is gone");
        Assert.Null(State(zombie));
    }
}
