using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// One run of an instance: created by the actor when a spawn succeeds, dropped when its process has
/// exited (and, while stopping, its whole group is gone). Everything that belongs to a single run lives
/// here — the process, its output capture, its NOTIFY_SOCKET, its timers, its readiness and health
/// gates, its exit and the stop in progress — so a new run starts from nothing and nothing is reset by hand.
/// </summary>
/// <remarks>
/// Owned by the actor's loop: only the loop reads or changes it. Its exit, notify datagrams, health
/// reports and timers reach the loop as messages that carry <see cref="Id"/>, so those of an earlier run are
/// told apart and ignored. After the run ended the actor keeps it only to show its readiness and health.
/// </remarks>
internal sealed class InstanceRun
{
    /// <summary>How long an exit waits for the last output of the run to be read.</summary>
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(1);

    private readonly SpawnedProcess _process;
    private readonly IRunOutput _output;

    public InstanceRun(int id, SpawnedProcess process, ProcessTree tree, DateTimeOffset startedAt, IRunOutput output, RunNotifications? notifications, InstanceTimers timers)
    {
        Id = id;
        _process = process;
        Tree = tree;
        StartedAt = startedAt;
        _output = output;
        Notifications = notifications;
        Timers = timers;
    }

    /// <summary>The run id: 1 for the instance's first spawn attempt, one more for each later one.</summary>
    public int Id { get; }

    public int Pid => _process.Pid;

    /// <summary>Every process of the run: what stop signals and kills reach.</summary>
    public ProcessTree Tree { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The run's NOTIFY_SOCKET; null without waitReady and watchdog, and once the process exited.</summary>
    public RunNotifications? Notifications { get; private set; }

    public InstanceTimers Timers { get; }

    /// <summary>The run's Node.js IPC channel; null for apps without one.</summary>
    public RunChannel? Channel { get; set; }

    /// <summary>
    /// Cluster mode's private socket of the run, when the daemon relays connections (a connection-level
    /// strategy, not Node) or proxies requests (a request-level one) to it; else null.
    /// </summary>
    public Cluster.RunBackend? Backend { get; set; }

    /// <summary>Where the app's connections or requests for this run go, when it takes any.</summary>
    public IConnectionTarget? Target => (IConnectionTarget?)Backend ?? Channel;

    /// <summary>READY=1 arrived.</summary>
    public bool Ready { get; set; }

    /// <summary>The last STATUS= text.</summary>
    public string? ReadyStatus { get; set; }

    public DateTimeOffset? LastWatchdogAt { get; set; }

    /// <summary>The run reached online at least once (a run that never did is unstable).</summary>
    public bool WentOnline { get; set; }

    /// <summary>The health check this run was started with; null when unchecked.</summary>
    public HealthCheckConfig? HealthCheck { get; set; }

    public IAsyncDisposable? HealthWatch { get; set; }

    /// <summary>A healthy report arrived (the health gate of starting → online is open).</summary>
    public bool HealthPassed { get; set; }

    public ProcessHealth? Health { get; set; }

    /// <summary>How the main process ended; null while it runs.</summary>
    public ProcessExit? Exit { get; set; }

    /// <summary>The stop in progress; null unless stopping.</summary>
    public RunStop? Stop { get; set; }

    /// <summary>Both gates of online: READY=1 when waitReady, and a healthy report when the run is health-checked.</summary>
    public bool ReadyToGoOnline(bool waitReady) => (!waitReady || Ready) && (HealthWatch is null || HealthPassed);

    /// <summary>
    /// Whether readyTimeout passing lets this run go online anyway: <c>readyTimeoutAction: online</c> (PM2's
    /// <c>wait_ready</c>) waives READY=1, never a health check that has not passed.
    /// </summary>
    public bool OnlineDespiteReadyTimeout(ReadyTimeoutAction action) => action == ReadyTimeoutAction.Online && ReadyToGoOnline(waitReady: false);

    /// <summary>Posts the exit to the actor once the process is reaped.</summary>
    /// <remarks>
    /// Synchronously where the exit completes (the reaper's task already runs its continuations
    /// off the reaper thread): a test that ends a fake process finds the event in the inbox at once.
    /// </remarks>
    public void ForwardExit(Action<InstanceMessage> post) =>
        _process.Exited.ContinueWith(
            static (exited, state) =>
            {
                var (post, run) = ((Action<InstanceMessage>, int))state!;
                post(new ProcessExitedEvent(run, exited.Result));
            },
            (post, Id),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>Closes the NOTIFY_SOCKET: the process it was for has exited.</summary>
    public void CloseNotifications()
    {
        Notifications?.Dispose();
        Notifications = null;
    }

    public async ValueTask StopHealthWatchAsync()
    {
        if (HealthWatch is { } watch)
        {
            HealthWatch = null;
            await watch.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Waits (bounded) for the last output to be read; returns the last lines when <paramref name="keepLastLines"/>.</summary>
    public async ValueTask<IReadOnlyList<string>> DrainOutputAsync(TimeProvider time, bool keepLastLines)
    {
        try
        {
            await _output.Completion.WaitAsync(OutputDrainTimeout, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A descendant still holds the pipe (it is being killed); keep what was read.
        }

        return keepLastLines ? _output.LastLines() : [];
    }

    /// <summary>Releases what the run holds (timers, socket, pipes); the process itself is already gone.</summary>
    public void Close()
    {
        Timers.Dispose();
        CloseNotifications();
        Channel?.Dispose();
        Backend?.Dispose();
        _process.Dispose();
    }

    /// <summary>What <c>od info</c> shows of the readiness protocol for this run.</summary>
    public ProcessReadiness Readiness(bool waitReady) => new()
    {
        WaitReady = waitReady,
        Ready = Ready,
        Status = ReadyStatus,
        NotifySocket = Notifications?.Path,
        LastWatchdogAt = LastWatchdogAt,
    };
}
