using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.ProcessManager.Launching;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;
using OpenDaemon.Plugins.Tests.Processes.Fakes;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>
/// One <see cref="InstanceActor"/> over fakes — spawner, signaller, output, health monitor — and a
/// <see cref="FakeTimeProvider"/>: no process runs and no time passes unless the test says so. After
/// every step the test awaits <see cref="SyncAsync"/>, which returns once the actor handled it.
/// </summary>
internal sealed class FakeActorHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();

    public FakeActorHarness(ProcessConfig config)
    {
        Signaller = new FakeSignaller(Spawner);
        Config = config with { Cwd = _directory.FullPath };
        Actor = new InstanceActor(
            new InstanceServices
            {
                Planner = new LaunchPlanner(new LaunchSettings { DaemonEnvironment = LaunchSettings.CaptureDaemonEnvironment() }),
                Spawner = Spawner,
                Signaller = Signaller,
                Time = Time,
                Events = new EventBus(NullLogger.Instance, Time),
                Logger = NullLogger.Instance,
                NotifyDirectory = _directory.File("n"),
                Output = new FakeOutputCapture(),
                Health = () => Health,
                Random = () => 0.5,
            },
            id: 7,
            instance: 0,
            Config,
            new Dictionary<string, string>(StringComparer.Ordinal),
            instanceCount: 1);
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public FakeProcessSpawner Spawner { get; } = new();

    public FakeSignaller Signaller { get; }

    public FakeHealthMonitor Health { get; } = new();

    public ProcessConfig Config { get; }

    public InstanceActor Actor { get; }

    public InstanceSnapshot Snapshot => Actor.Snapshot;

    /// <summary>Waits until the actor handled everything posted so far.</summary>
    public async Task<InstanceSnapshot> SyncAsync() => await Actor.SyncAsync().WaitAsync(TestTimeouts.Short);

    /// <summary>The current run's process exits; without a run, a late exit of the last one arrives.</summary>
    public void Exit(int? code = 1, string? signal = null)
    {
        if (Snapshot.Pid is { } pid)
        {
            Spawner.Find(pid)!.Exit(code, signal);
        }
        else
        {
            Actor.Post(new ProcessExitedEvent(Snapshot.RunId, new ProcessExit(code, null, false)));
        }
    }

    /// <summary>A datagram on the run's NOTIFY_SOCKET ("READY=1", "WATCHDOG=1", ...).</summary>
    public void Notify(string datagram) =>
        Actor.Post(new NotifyEvent(Snapshot.RunId, NotifyMessage.Parse(Encoding.UTF8.GetBytes(datagram))));

    /// <summary>A health report for the current run (or, without one, a late one for the last run).</summary>
    public void ReportHealth(HealthStatus status, bool thresholdReached = false)
    {
        var report = new OpenDaemon.Plugins.Abstractions.HealthReport(
            new ProcessHealth { Status = status, Type = "http", Message = status == HealthStatus.Healthy ? "HTTP 200" : "HTTP 500", ConsecutiveFailures = thresholdReached ? 3 : 0 },
            thresholdReached);
        Actor.Post(new HealthReportEvent(Snapshot.RunId, report));
    }

    /// <summary>The resource monitor's report that the run's tree uses more than maxMemory.</summary>
    public void ExceedMemory()
    {
        if (Snapshot.Pid is { } pid)
        {
            Actor.ReportMemoryExceeded(pid, 512L * 1024 * 1024);
        }
        else
        {
            Actor.Post(new MemoryExceededEvent(Snapshot.RunId, 512L * 1024 * 1024));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Delete first (nothing starts again after it), then end every fake process so that it completes at once.
        var deleted = Actor.StopAsync(StopIntent.Delete);
        await Actor.SyncAsync().WaitAsync(TestTimeouts.Short);
        foreach (var process in Spawner.Processes)
        {
            process.Exit(0);
        }

        await deleted.WaitAsync(TestTimeouts.Short);
        await Actor.Completion.WaitAsync(TestTimeouts.Short);
        _directory.Dispose();
    }
}
