using OpenDaemon.Config.Model;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>Everything an instance actor reacts to: user commands, OS events and its own timers.</summary>
internal abstract record InstanceMessage;

/// <summary>Start (a no-op when running). Answered once online, or once it settled stopped/errored.</summary>
internal sealed record StartCommand(TaskCompletionSource<InstanceSnapshot> Done) : InstanceMessage;

/// <summary>Restart: stop the current run (if any), then start.</summary>
internal sealed record RestartCommand(TaskCompletionSource<InstanceSnapshot> Done) : InstanceMessage;

/// <summary>Stop; with <see cref="StopIntent.Delete"/> the actor ends afterwards.</summary>
internal sealed record StopCommand(TaskCompletionSource<InstanceSnapshot> Done, StopIntent Intent) : InstanceMessage;

/// <summary>
/// Zero-downtime reload: a new run starts beside the current one, which is stopped once the new one is
/// ready. Answered once the reload is over (<see cref="ReloadOutcome"/>); not online → answered at once
/// with <see cref="ReloadResult.NotOnline"/>, for the caller to restart instead.
/// </summary>
internal sealed record ReloadCommand(TaskCompletionSource<ReloadOutcome> Done) : InstanceMessage;

/// <summary>New configuration or environment overrides, used from the next spawn.</summary>
internal sealed record UpdateCommand(ProcessConfig Config, IReadOnlyDictionary<string, string> Overrides, int InstanceCount) : InstanceMessage;

/// <summary>Answered once every message before it was handled (<see cref="InstanceActor.SyncAsync"/>).</summary>
internal sealed record SyncCommand(TaskCompletionSource<InstanceSnapshot> Done) : InstanceMessage;

/// <summary>Send a signal to the run's main process (PM2 <c>sendSignal</c>); answers whether it was sent.</summary>
internal sealed record SignalCommand(int Signal, TaskCompletionSource<bool> Sent) : InstanceMessage;

/// <summary>Set the restart counters back to 0 (PM2 <c>reset</c>).</summary>
internal sealed record ResetCommand(TaskCompletionSource<InstanceSnapshot> Done) : InstanceMessage;

/// <summary>The run's process was reaped.</summary>
internal sealed record ProcessExitedEvent(int Run, ProcessExit Exit) : InstanceMessage;

/// <summary>A datagram arrived on the run's NOTIFY_SOCKET.</summary>
internal sealed record NotifyEvent(int Run, NotifyMessage Message) : InstanceMessage;

/// <summary>The run's process tree uses more memory than <c>maxMemory</c>.</summary>
internal sealed record MemoryExceededEvent(int Run, long Bytes) : InstanceMessage;

/// <summary>The run's health watch reported (the health-check plugin).</summary>
internal sealed record HealthReportEvent(int Run, HealthReport Report) : InstanceMessage;

/// <summary>A timer the actor set fired; stale ones (older run or generation) are ignored. Run 0: the backoff timer between runs.</summary>
internal sealed record TimerEvent(int Run, TimerKind Kind, int Generation) : InstanceMessage;

internal enum TimerKind
{
    /// <summary>A run that was given connections is drained (or its drain limit passed): signal it now.</summary>
    Drain,

    /// <summary>killTimeout passed after the stop signal: SIGKILL the group.</summary>
    Kill,

    /// <summary>The main process exited while stopping but its group did not: look again.</summary>
    GroupCheck,

    /// <summary>readyTimeout passed without READY=1.</summary>
    Ready,

    /// <summary>watchdogTimeout passed without WATCHDOG=1.</summary>
    Watchdog,

    /// <summary>The backoff delay is over: restart.</summary>
    Restart,

    /// <summary>A reload's new run without a readiness signal stayed up minUptime: it counts as ready.</summary>
    Settle,
}

/// <summary>Why an instance is being stopped, which decides what happens once it is down.</summary>
internal enum StopIntent
{
    /// <summary>A user stop: stays stopped, never restarted automatically.</summary>
    User,

    /// <summary>Stop, then forget the instance.</summary>
    Delete,

    /// <summary>The daemon is shutting down.</summary>
    DaemonShutdown,

    /// <summary>A requested restart: start again once down.</summary>
    Restart,

    /// <summary>maxMemory exceeded: start again once down.</summary>
    MemoryRestart,

    /// <summary>No WATCHDOG=1 in time: handled like a crash once down.</summary>
    Watchdog,

    /// <summary>No READY=1 in time: errored once down.</summary>
    ReadyTimeout,

    /// <summary>The health check reached its failure threshold with action restart: start again once down, with backoff when unstable.</summary>
    HealthRestart,

    /// <summary>The health check reached its failure threshold with action stop: stays stopped.</summary>
    HealthStop,

    /// <summary>A reload's old run, replaced by a new one that is ready: it drains and goes.</summary>
    Replaced,

    /// <summary>A reload's new run that did not become ready (or the reload was cancelled): it goes, the old one stays.</summary>
    ReloadAbandoned,
}
