using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.HealthCheck;
using OpenDaemon.Plugins.LogManager;
using OpenDaemon.Plugins.LogManager.Writing;
using OpenDaemon.Plugins.ProcessManager;
using OpenDaemon.Plugins.ProcessManager.Launching;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>
/// A real process manager (real spawner, signals, /proc) over a temporary directory, with every
/// published process event recorded, for integration tests that run real apps.
/// </summary>
internal sealed class ManagerHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly EventBus _events;
    private readonly IDisposable _subscription;
    private readonly HealthMonitor? _health;

    /// <param name="time">The clock (the system's by default).</param>
    /// <param name="healthChecks">True to run apps' health checks with a real health monitor on the same bus.</param>
    /// <param name="shim">The exec shim (cluster mode's listening sockets need it): <see cref="DaemonShim.Path"/>.</param>
    public ManagerHarness(TimeProvider? time = null, bool healthChecks = false, string? shim = null)
    {
        ChildReaper.EnableSubreaper();
        Time = time ?? TimeProvider.System;
        _events = new EventBus(NullLogger.Instance, Time);
        _subscription = _events.Subscribe("process:*", (e, _) =>
        {
            Events.Enqueue((e.Topic, e.Payload.Deserialize(ContractsJsonContext.Default.ProcessEvent)!));
            return ValueTask.CompletedTask;
        });
        _health = healthChecks ? new HealthMonitor(Time, _events, NullLogger.Instance) : null;
        var settings = new ProcessManagerSettings
        {
            LogDirectory = _directory.File("logs"),
            DumpPath = _directory.File("dump.json"),
            NotifyDirectory = _directory.File("n"),
            ReapOrphans = true,
        };
        // Real time for the log writers' flush timer even when the test drives the manager with a fake clock.
        Logs = new LogCaptureService(settings.LogDirectory, new LogWriterSettings(), TimeProvider.System, NullLogger.Instance);
        Manager = new OpenDaemon.Plugins.ProcessManager.ProcessManager(
            new InstanceServices
            {
                Planner = new LaunchPlanner(new LaunchSettings { DaemonEnvironment = LaunchSettings.CaptureDaemonEnvironment(), ShimExecutable = shim }),
                Spawner = ProcessSpawner.Instance,
                Signaller = ProcessTreeSignaller.Instance,
                Time = Time,
                Events = _events,
                Logger = NullLogger.Instance,
                NotifyDirectory = settings.NotifyDirectory,
                Health = () => _health,
                Output = Logs,
            },
            settings);
    }

    public TimeProvider Time { get; }

    /// <summary>The log manager's capture the apps' output goes through.</summary>
    internal LogCaptureService Logs { get; }

    /// <summary>The event bus the manager (and the health monitor) publish on.</summary>
    public IEventBus Bus => _events;

    public OpenDaemon.Plugins.ProcessManager.ProcessManager Manager { get; }

    public string Directory => _directory.FullPath;

    /// <summary>Every process event published so far, in order.</summary>
    public ConcurrentQueue<(string Topic, ProcessEvent Event)> Events { get; } = new();

    /// <summary>Writes an executable shell script and returns its path.</summary>
    public string Script(string name, string body)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public ProcessConfig App(string name, string script) => new() { Name = name, Script = script, Cwd = Directory };

    /// <summary>Starts apps the way a daemon's config starts them.</summary>
    public Task<ProcessList> StartAsync(params ProcessConfig[] apps) =>
        Manager.StartConfiguredAsync(new OpenDaemonConfig { Apps = apps }, CancellationToken.None).WaitAsync(TestTimeouts.Process);

    public ProcessSummary Row(string name, int instance = 0) =>
        Manager.List().Processes.Single(row => row.Name == name && row.Instance == instance);

    /// <summary>Polls the process table until <paramref name="condition"/> holds for the app's row.</summary>
    public async Task<ProcessSummary> WaitForAsync(string name, Func<ProcessSummary, bool> condition, TimeSpan? timeout = null)
    {
        var row = Row(name);
        await Poll.UntilAsync(
            () => condition(row = Row(name)),
            () => $"{name} reaches the expected state; last: {row.Status} ({row.Reason}), restarts {row.Restarts}",
            timeout ?? TestTimeouts.Short);
        return row;
    }

    public async ValueTask DisposeAsync()
    {
        await Manager.StopAllAsync(CancellationToken.None).WaitAsync(TestTimeouts.Process);
        await Manager.DisposeAsync();
        await Logs.DisposeAsync();
        if (_health is not null)
        {
            await _health.DisposeAsync();
        }

        _subscription.Dispose();
        _directory.Dispose();
    }
}
