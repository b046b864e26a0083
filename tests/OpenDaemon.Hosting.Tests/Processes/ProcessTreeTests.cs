using System.Runtime.Versioning;
using OpenDaemon.Hosting.Processes;
using static OpenDaemon.Hosting.Tests.Processes.ProcessTestSupport;

namespace OpenDaemon.Hosting.Tests.Processes;

/// <summary>
/// Real app trees that leave their session (setsid) and their parent (a double fork), found and killed
/// whole: through a cgroup v2 where this host lets us create one (root), and through the /proc fallback.
/// Each test's processes run a copy of sleep whose name holds a unique marker, found by a /proc scan.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ProcessTreeTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _marker = "odtree" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _sleeper;

    public ProcessTreeTests()
    {
        ChildReaper.EnableSubreaper(); // the fallback finds double-forked orphans among the daemon's children
        _sleeper = _dir.File(_marker);
        File.CreateSymbolicLink(_sleeper, "/bin/sleep");
    }

    /// <summary>Root with a writable cgroup2 mount: the cgroup path must work here, not silently fall back.</summary>
    public static bool CgroupsExpected =>
        Environment.UserName == "root" && File.ReadAllText("/proc/self/mountinfo").Contains(" - cgroup2 ", StringComparison.Ordinal);

    public void Dispose()
    {
        foreach (int pid in MarkedProcesses())
        {
            _ = KillQuietly(pid);
        }

        _dir.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Kill_AppWithSetsidChildAndDoubleFork_NoProcessOfTheTreeRemains(bool cgroup)
    {
        if (cgroup && !CgroupsExpected)
        {
            return; // no cgroups on this host, and none expected (not root)
        }

        (ProcessTree tree, SpawnedProcess process, CgroupTree? cgroups) = Start(cgroup);

        using (process)
        {
            await Poll.UntilAsync(() => OnlySleepersRun(3), "the app, its setsid child and its double-forked grandchild run", TestTimeouts.Process);
            Assert.Equal(3, tree.Members().Count(pid => MarkedProcesses().Contains(pid)));

            tree.Kill();
            await Poll.UntilAsync(() => !tree.Exists() && MarkedProcesses().Count == 0, "the whole tree is gone");

            Assert.True(tree.TryRelease());
            if (cgroups is not null)
            {
                Assert.False(Directory.Exists(tree.CgroupPath));
                Assert.True(CgroupTree.TryRemove(cgroups.Path));
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Signal_MainProcessAlreadyExited_StillReachesTheOrphans(bool cgroup)
    {
        if (cgroup && !CgroupsExpected)
        {
            return;
        }

        (ProcessTree tree, SpawnedProcess process, CgroupTree? cgroups) = Start(cgroup, exitAfterForking: true);

        using (process)
        {
            await ExitedAsync(process, TestTimeouts.Process);
            await Poll.UntilAsync(() => OnlySleepersRun(2), "the setsid child and the double-forked grandchild outlive the app", TestTimeouts.Process);
            Assert.True(tree.Exists());

            Assert.True(tree.Signal(15));
            await Poll.UntilAsync(() => !tree.Exists() && MarkedProcesses().Count == 0, "the orphans ended on SIGTERM");
            Assert.True(tree.TryRelease());
            if (cgroups is not null)
            {
                Assert.True(CgroupTree.TryRemove(cgroups.Path));
            }
        }
    }

    [Fact]
    public async Task Adopt_AppThatForkedBeforeTheMove_WholeTreeEndsUpInItsCgroup()
    {
        if (!CgroupsExpected)
        {
            return;
        }

        // The test host plays the daemon: it moves into the subtree's leaf, where its children are born.
        CgroupTree? cgroups = CgroupTree.TryOpen("od-test-" + _marker, moveIntoLeaf: true, out string reason);
        Assert.True(cgroups is not null, reason);
        try
        {
            Assert.Null(await cgroups.MovedIntoLeaf.WaitAsync(TestTimeouts.Short)); // in the background; a spawn waits for it
            Assert.EndsWith($"/{CgroupTree.DaemonLeafName}", File.ReadAllText("/proc/self/cgroup").Split('\n').First(line => line.StartsWith("0::", StringComparison.Ordinal)), StringComparison.Ordinal);
            string group = cgroups.Create("run");
            string marker = ProcessTree.NewMarker();
            var environment = new Dictionary<string, string>(MinimalEnvironment) { [ProcessTree.MarkerVariable] = marker };
            using SpawnedProcess process = ProcessSpawner.Instance.Spawn(Sh($"setsid '{_sleeper}' 302 & (setsid '{_sleeper}' 303 &); exec '{_sleeper}' 301", environment));

            // Adopted only once everything was forked (in the leaf): the worst case of the race with the move.
            await Poll.UntilAsync(() => OnlySleepersRun(3), "the app, its setsid child and its double-forked grandchild run", TestTimeouts.Process);
            int moved = cgroups.Adopt(group, process.Pid, marker);

            // At least the three sleepers; the subshell that forked 303 is counted too when it is caught exiting.
            Assert.True(moved >= 3, $"moved {moved}");
            Assert.Equal(MarkedProcesses().Order(), CgroupTree.Processes(group).Order());
            var tree = ProcessTree.ForStarted(process.Pid, group, marker);
            tree.Kill();
            await Poll.UntilAsync(() => !tree.Exists() && MarkedProcesses().Count == 0, "the whole tree is gone");
            Assert.True(tree.TryRelease());
        }
        finally
        {
            cgroups.Leave();
            _ = CgroupTree.TryRemove(cgroups.Path); // best effort: other tests' children may still be in the leaf
        }
    }

    [Fact]
    public async Task ForRecorded_TreeOfAnotherDaemon_FindsItsOrphansAnywhereByMarker()
    {
        string marker = ProcessTree.NewMarker();
        var environment = new Dictionary<string, string>(MinimalEnvironment) { [ProcessTree.MarkerVariable] = marker };
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(Sh($"setsid '{_sleeper}' 300 & exec '{_sleeper}' 301", environment));
        await Poll.UntilAsync(() => OnlySleepersRun(2), "the app and its setsid child run", TestTimeouts.Process);
        var recorded = ProcessTree.ForRecorded(process.Pid, ProcessTree.ForStarted(process.Pid, null, marker).RootStartTicks, null, marker);
        var stranger = ProcessTree.ForRecorded(process.Pid, rootStartTicks: 1, null, ProcessTree.NewMarker());

        Assert.Equal(MarkedProcesses().Order(), recorded.Members().Order());
        Assert.Empty(stranger.Members()); // a reused pid (other start time) and another marker: not ours

        recorded.Kill();
        await Poll.UntilAsync(() => !recorded.Exists() && MarkedProcesses().Count == 0, "the recorded tree is gone");
    }

    private (ProcessTree Tree, SpawnedProcess Process, CgroupTree? Cgroups) Start(bool cgroup, bool exitAfterForking = false)
    {
        CgroupTree? cgroups = null;
        string? group = null;
        if (cgroup)
        {
            cgroups = CgroupTree.TryOpen("od-test-" + _marker, moveIntoLeaf: false, out string reason);
            Assert.True(cgroups is not null, reason);
            group = cgroups.Create("run");
        }

        string marker = ProcessTree.NewMarker();
        var environment = new Dictionary<string, string>(cgroup ? HostEnvironment() : MinimalEnvironment) { [ProcessTree.MarkerVariable] = marker };
        string last = exitAfterForking ? "exit 0" : $"exec '{_sleeper}' 301";
        SpawnRequest request = Sh($"setsid '{_sleeper}' 302 & (setsid '{_sleeper}' 303 &); {last}", environment);
        if (cgroup)
        {
            request = request with { CgroupPath = group, ShimExecutable = WriteShimScript(_dir) };
        }

        SpawnedProcess process = ProcessSpawner.Instance.Spawn(request);
        return (ProcessTree.ForStarted(process.Pid, group, marker), process, cgroups);
    }

    // Settled: exactly `count` marked processes, each the sleeper itself. A shell, `setsid` before its exec or
    // the subshell that forks 303 also carry the marker in their command line, for a moment, and are not
    // yet (or no longer) what the tree is expected to hold.
    private bool OnlySleepersRun(int count)
    {
        List<int> marked = MarkedProcesses();
        return marked.Count == count && marked.All(pid => CommandLine(pid).StartsWith(_sleeper + "\0", StringComparison.Ordinal));
    }

    private List<int> MarkedProcesses()
    {
        var pids = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out int pid) && State(pid) is not (null or 'Z') && CommandLine(pid).Contains(_marker, StringComparison.Ordinal))
            {
                pids.Add(pid);
            }
        }

        return pids;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static bool KillQuietly(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
            return true;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
