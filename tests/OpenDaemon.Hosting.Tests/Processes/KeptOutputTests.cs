using System.Globalization;
using System.Runtime.Versioning;
using OpenDaemon.Hosting.Processes;
using static OpenDaemon.Hosting.Tests.Processes.ProcessTestSupport;

namespace OpenDaemon.Hosting.Tests.Processes;

/// <summary>
/// A child that keeps the daemon's ends of its output (<see cref="KeptOutput"/>), with real processes: it
/// outlives the daemon's ends being closed — what a daemon crash does — and another process takes them back.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class KeptOutputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task KeptOutput_OurEndsClosed_TheChildWritesOn_AndTakingThemBackReadsWhatItWrote()
    {
        var go = _dir.File("go");
        using var process = ProcessSpawner.Instance.Spawn(Sh($"echo before; while [ ! -e '{go}' ]; do sleep 0.02; done; echo after; echo oops >&2; exec sleep 100") with { KeepOutput = true });
        var kept = Assert.IsType<KeptOutput>(process.KeptOutput);
        Assert.Equal((3, 4), (kept.StdoutFd, kept.StderrFd)); // after fds 0-2: no listening socket, no IPC channel
        Assert.Equal($"socket:[{kept.StdoutInode.ToString(CultureInfo.InvariantCulture)}]", new FileInfo($"/proc/{process.Pid}/fd/3").LinkTarget);
        Assert.Equal("before", await ReadLineAsync(process.StandardOutput));

        process.StandardOutput.Dispose(); // as a daemon crash would
        process.StandardError.Dispose();
        File.WriteAllText(go, "");
        var startTicks = ProcessTree.ForStarted(process.Pid, null, "").RootStartTicks;
        var taken = KeptOutput.TryTakeBack(process.Pid, startTicks, kept, out var failure);

        Assert.Null(failure);
        using var stdout = taken!.Value.Stdout;
        using var stderr = taken.Value.Stderr;
        Assert.Equal("after", await ReadLineAsync(stdout));
        Assert.Equal("oops", await ReadLineAsync(stderr));
        Assert.True(Signals.SendToGroup(process.Pid, Signals.Parse("KILL")));
        Assert.Equal("SIGKILL", (await ExitedAsync(process)).SignalName); // it lived on: no SIGPIPE
    }

    [Fact]
    public async Task TryTakeBack_AnotherProcessOrAnotherSocket_TakesNothingAndSaysWhy()
    {
        using var process = ProcessSpawner.Instance.Spawn(Sh("exec sleep 100") with { KeepOutput = true });
        var kept = process.KeptOutput!;
        var startTicks = ProcessTree.ForStarted(process.Pid, null, "").RootStartTicks;

        Assert.Null(KeptOutput.TryTakeBack(process.Pid, startTicks + 1, kept, out var notTheProcess));
        Assert.Equal("it is no longer the recorded process", notTheProcess);
        Assert.Null(KeptOutput.TryTakeBack(process.Pid, startTicks, kept with { StderrInode = kept.StderrInode + 1 }, out var notTheSocket));
        Assert.Equal("fd 4 is no longer its output socket", notTheSocket);

        Assert.True(Signals.SendToGroup(process.Pid, Signals.Parse("KILL")));
        await ExitedAsync(process);
    }

    [Fact]
    public async Task Spawn_WithoutKeepOutput_TheChildGetsNothingMore()
    {
        using var process = SpawnSh("ls /proc/self/fd; exit 0");

        Assert.Null(process.KeptOutput);
        Assert.Equal(["0", "1", "2", "3"], (await ReadToEndAsync(process.StandardOutput)).Split('\n', StringSplitOptions.RemoveEmptyEntries)); // 3: ls's own directory
    }
}
