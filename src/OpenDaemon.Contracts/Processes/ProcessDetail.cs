using System.Text.Json;

namespace OpenDaemon.Contracts.Processes;

/// <summary>Answer of <c>process.info</c> for one instance.</summary>
public sealed record ProcessDetail
{
    /// <summary>The row of the process table.</summary>
    public required ProcessSummary Summary { get; init; }

    /// <summary>The app's effective configuration (secrets shown as references, never values).</summary>
    public required JsonElement Config { get; init; }

    /// <summary>Executable, arguments and working directory of the last spawn.</summary>
    public ProcessCommandLine? Command { get; init; }

    /// <summary>Recent state changes, oldest first (bounded).</summary>
    public required IReadOnlyList<ProcessStateChange> History { get; init; }

    /// <summary>How the previous run ended.</summary>
    public ProcessExitRecord? LastExit { get; init; }

    /// <summary>The app's cron schedule with its next and last runs (filled in from <c>schedule.list</c> by <c>od info</c>); null without a schedule.</summary>
    public Scheduling.ScheduledApp? Schedule { get; init; }

    /// <summary>The app's file watcher (filled in from <c>watch.list</c> by <c>od info</c>); null without <c>watch</c>.</summary>
    public Watch.WatchedApp? Watch { get; init; }

    /// <summary>The app's autoscaler (filled in from <c>autoscale.list</c> by <c>od info</c>); null without <c>cluster.autoScale</c>.</summary>
    public Scaling.AutoScaledApp? AutoScale { get; init; }

    /// <summary>Paths of the stdout and stderr log files.</summary>
    public required ProcessLogPaths Logs { get; init; }

    /// <summary>Readiness (sd_notify) state.</summary>
    public required ProcessReadiness Readiness { get; init; }

    /// <summary>The health check's state (spec §3.2); null when the app has none.</summary>
    public ProcessHealth? Health { get; init; }

    /// <summary>Cluster mode's shared port and strategy (spec §3.5); null in fork mode.</summary>
    public ProcessCluster? Cluster { get; init; }
}

/// <summary>How the instances of an app in cluster mode share its port.</summary>
public sealed record ProcessCluster
{
    /// <summary>The shared TCP port; null when it is not known yet (PORT comes from an environment not resolved before the first start).</summary>
    public int? Port { get; init; }

    /// <summary>Where the daemon's socket listens (<c>[::]:3000</c>); null while no socket is bound (app never started, or its start failed).</summary>
    public string? Address { get; init; }

    /// <summary>How connections are spread now, as the configuration spells it (<c>shared</c>: the kernel hands them out).</summary>
    public required string Strategy { get; init; }

    /// <summary>
    /// With a request-level strategy (the daemon proxies HTTP), how requests are placed:
    /// <c>sticky (cookie od_instance), by header X-Tenant, else by the strategy</c>; else null.
    /// </summary>
    public string? Requests { get; init; }

    /// <summary>How many instances the app runs.</summary>
    public int Instances { get; init; }

    /// <summary>With a connection-handoff strategy: each instance's share of the connections handed so far; null with <c>shared</c> (the kernel does not tell).</summary>
    public IReadOnlyList<InstanceShare>? Shares { get; init; }
}

/// <summary>One instance's part of an app's connections under a connection-handoff strategy.</summary>
public sealed record InstanceShare
{
    /// <summary>The instance number.</summary>
    public required int Instance { get; init; }

    /// <summary>Connections handed to it since the daemon started (or the app's socket was bound).</summary>
    public required long Connections { get; init; }

    /// <summary>Of those, still open (as its cluster preload reports closes).</summary>
    public required int Open { get; init; }

    /// <summary>Its part of all handed connections, in percent.</summary>
    public required double Percent { get; init; }

    /// <summary>Its weight with <c>weighted</c>; null otherwise.</summary>
    public int? Weight { get; init; }
}

/// <summary>What was executed.</summary>
public sealed record ProcessCommandLine(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory);

/// <summary>One state change.</summary>
public sealed record ProcessStateChange(ProcessState State, DateTimeOffset At, string? Reason);

/// <summary>How a run ended: exit code or signal, and after a crash its last lines.</summary>
public sealed record ProcessExitRecord
{
    /// <summary>Exit code, when the process exited by itself.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Signal name, when a signal ended it.</summary>
    public string? Signal { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>How long the run lasted, in milliseconds.</summary>
    public long RunMs { get; init; }

    /// <summary>True when the run ended before <c>minUptime</c> (counts toward <c>maxRestarts</c>).</summary>
    public bool Unstable { get; init; }

    /// <summary>
    /// Crash log: after an abnormal exit, the run's last lines (at most 200, stdout and stderr, oldest
    /// first, each as <c>"stdout &lt;text&gt;"</c> or <c>"stderr &lt;text&gt;"</c>); empty after a clean or requested stop.
    /// </summary>
    public IReadOnlyList<string> LastLines { get; init; } = [];
}

/// <summary>Log file locations of an instance.</summary>
public sealed record ProcessLogPaths(string Out, string Err);

/// <summary>Readiness through the systemd notify protocol.</summary>
public sealed record ProcessReadiness
{
    /// <summary>True when the app must send READY=1 before it is online.</summary>
    public bool WaitReady { get; init; }

    /// <summary>True once READY=1 arrived for the current run.</summary>
    public bool Ready { get; init; }

    /// <summary>The last STATUS= text the app sent.</summary>
    public string? Status { get; init; }

    /// <summary>The NOTIFY_SOCKET given to the app, when one was.</summary>
    public string? NotifySocket { get; init; }

    /// <summary>The last WATCHDOG=1 keep-alive.</summary>
    public DateTimeOffset? LastWatchdogAt { get; init; }
}

/// <summary>Answer of <c>process.info</c>: every instance the target names.</summary>
public sealed record ProcessDetailList(IReadOnlyList<ProcessDetail> Processes);
