using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.ProcessManager.Dependencies;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;
using OpenDaemon.Plugins.Tests.Processes.Fakes;

namespace OpenDaemon.Plugins.Tests.Processes.Dependencies;

/// <summary>
/// When <c>cascadeRestart</c> restarts the dependents, given the online events one by one and instance states
/// the test sets: in particular when the handler sees a state later than the event it handles (a busy daemon).
/// </summary>
public sealed class CascadeRestartsTests : IDisposable
{
    private readonly EventBus _events = new(NullLogger.Instance, TimeProvider.System);
    private readonly ConcurrentDictionary<string, IReadOnlyList<InstanceSnapshot>> _instances = new(StringComparer.Ordinal);
    private readonly List<string> _restarts = [];
    private readonly CascadeRestarts _cascades;

    public CascadeRestartsTests()
    {
        ProcessConfig[] apps =
        [
            new ProcessConfig { Name = "db", Script = "db", CascadeRestart = true },
            new ProcessConfig { Name = "api", Script = "api", Dependencies = ["db"] },
        ];
        _cascades = new CascadeRestarts(_events, () => apps, name => _instances.GetValueOrDefault(name), (names, _) =>
        {
            _restarts.Add(string.Join(',', names));
            return Task.CompletedTask;
        });
        Set("db", apps[0], ProcessState.Online);
        Set("api", apps[1], ProcessState.Online);
    }

    public void Dispose()
    {
        _cascades.Dispose();
        _events.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task DependencyBackWithAnotherPid_RestartsItsDependents()
    {
        await OnlineAsync("db", pid: 100);
        await OnlineAsync("db", pid: 200);

        Assert.Equal(["api"], _restarts);
    }

    [Fact]
    public async Task FirstOnline_AndOnlineAgainWithTheSamePid_RestartNothing()
    {
        await OnlineAsync("db", pid: 100);
        await OnlineAsync("db", pid: 100);

        Assert.Empty(_restarts);
    }

    [Fact]
    public async Task FirstOnlineHandledWhileTheDependencyIsAlreadyRestarting_StillCountsAsItsFirstRun()
    {
        // The first "online" is handled only after `od restart db` has begun: the state the handler sees is
        // Stopping. The run that came online is still the first one, and the next online is the restart.
        SetState("db", ProcessState.Stopping);
        await OnlineAsync("db", pid: 100);
        SetState("db", ProcessState.Online);
        await OnlineAsync("db", pid: 200);

        Assert.Equal(["api"], _restarts);
    }

    [Fact]
    public async Task BackWhileStillNotOnline_WaitsForItsNextOnline()
    {
        await OnlineAsync("db", pid: 100);
        SetState("db", ProcessState.Stopping); // restarted again before this online was handled
        await OnlineAsync("db", pid: 200);
        Assert.Empty(_restarts);

        SetState("db", ProcessState.Online);
        await OnlineAsync("db", pid: 300);

        Assert.Equal(["api"], _restarts);
    }

    [Fact]
    public async Task DependentNotUp_IsNotRestarted()
    {
        SetState("api", ProcessState.Stopped);
        await OnlineAsync("db", pid: 100);
        await OnlineAsync("db", pid: 200);

        Assert.Empty(_restarts);
    }

    private Task OnlineAsync(string name, int pid) =>
        _cascades.OnOnlineAsync(new ProcessEvent
        {
            Id = name == "db" ? 0 : 1,
            Name = name,
            Instance = 0,
            State = ProcessState.Online,
            Pid = pid,
            At = DateTimeOffset.UnixEpoch,
        }, CancellationToken.None);

    private void Set(string name, ProcessConfig config, ProcessState state) =>
        _instances[name] = [Snapshots.Of(config, state, id: name == "db" ? 0 : 1)];

    private void SetState(string name, ProcessState state) => _instances[name] = [_instances[name][0] with { State = state }];
}
