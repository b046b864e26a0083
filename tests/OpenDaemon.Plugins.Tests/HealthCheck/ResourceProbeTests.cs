using OpenDaemon.Config.Model;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.HealthCheck.Probes;
using OpenDaemon.Plugins.Tests.HealthCheck.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.HealthCheck;

/// <summary>memory and cpu checks over a real process tree (a shell and its children, in their own session).</summary>
public sealed class ResourceProbeTests : IDisposable
{
    private const long Megabyte = 1024 * 1024;

    private readonly TempDirectory _directory = new();
    private readonly List<SpawnedProcess> _trees = [];

    public void Dispose()
    {
        foreach (var tree in _trees)
        {
            Signals.SendToGroup(tree.Pid, Signals.Parse("SIGKILL"));
            tree.Dispose();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task Memory_PythonChildHolding100MB_FailsBelowAndPassesAboveTheLimit()
    {
        var ready = _directory.File("ready");
        var tree = Start($"python3 -c \"import time; data = b'x' * (100 * 1024 * 1024); open('{ready}', 'w').close(); time.sleep(1000)\" & wait");
        await Poll.UntilAsync(() => File.Exists(ready), "the python child holds its 100 MB");

        var tight = await Probe.RunAsync(new HealthCheckConfig { Type = HealthCheckType.Memory, MaxMemory = 64 * Megabyte }, tree.Pid);
        var roomy = await Probe.RunAsync(new HealthCheckConfig { Type = HealthCheckType.Memory, MaxMemory = 1024 * Megabyte }, tree.Pid);

        Assert.False(tight.Passed, tight.Message);
        Assert.Matches(@"^memory 1\d\d(\.\d)? MB of \d+ processes, limit 64 MB$", tight.Message);
        Assert.True(roomy.Passed, roomy.Message);
    }

    [Fact]
    public async Task Cpu_BusyTreeFailsAndIdleTreePasses()
    {
        // Two busy children against a 5 % limit: well above it even when builds load the 2-core test
        // machine (they were measured at 28 % then), while the idle tree stays at 0 %.
        var busy = Start("while :; do :; done & while :; do :; done & wait");
        var idle = Start("sleep 1000 & wait");
        var check = new HealthCheckConfig { Type = HealthCheckType.Cpu, MaxCpu = 5 };

        var results = await Task.WhenAll(Probe.RunAsync(check, busy.Pid), Probe.RunAsync(check, idle.Pid));

        Assert.False(results[0].Passed, results[0].Message);
        Assert.True(results[1].Passed, results[1].Message);
        Assert.Matches(@"^cpu \d+(\.\d)?% \(limit 5%\)$", results[1].Message);
    }

    [Fact]
    public async Task Cpu_TimerFiringBeforeTheSampleAges_StillMeasuresANewInterval()
    {
        // Timers run on a coarse clock and may fire before the sample cache has aged; the probe once
        // read the same cached sample twice then and reported 0 % for a busy tree.
        var busy = Start("while :; do :; done & while :; do :; done & wait");
        var time = new EarlyTimers(TimeSpan.FromMilliseconds(200));
        var probe = new CpuProbe(busy.Pid, 5, new TreeUsageCache(time), time);

        var result = await probe.CheckAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Process);

        Assert.False(result.Passed, result.Message);
    }

    [Fact]
    public async Task Memory_TreeGone_Fails()
    {
        var tree = Start("exit 0");
        await tree.Exited.WaitAsync(TestTimeouts.Short);

        var result = await Probe.RunAsync(new HealthCheckConfig { Type = HealthCheckType.Memory, MaxMemory = Megabyte }, tree.Pid);

        Assert.False(result.Passed);
        Assert.Equal($"no process of pid {tree.Pid}'s tree is running", result.Message);
    }

    private SpawnedProcess Start(string script)
    {
        var process = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/bin/sh",
            Arguments = ["-c", script],
            WorkingDirectory = _directory.FullPath,
            Environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" },
        });
        _trees.Add(process);
        return process;
    }

    /// <summary>The system clock with timers that fire <paramref name="early"/> before they are due.</summary>
    private sealed class EarlyTimers(TimeSpan early) : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, dueTime > early ? dueTime - early : dueTime, period);
    }
}
