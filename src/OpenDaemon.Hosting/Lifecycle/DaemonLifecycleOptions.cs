using Microsoft.Extensions.Logging;

namespace OpenDaemon.Hosting.Lifecycle;

/// <summary>Settings for a <see cref="DaemonLifecycle"/>.</summary>
public sealed class DaemonLifecycleOptions
{
    /// <summary>The daemon's name, used in messages and logs.</summary>
    public required string Name { get; init; }

    /// <summary>The lock file held while running (see <see cref="OpenDaemon.Ipc.Paths.DaemonPaths.LockPath"/>).</summary>
    public required string LockPath { get; init; }

    /// <summary>The PID file written while running (see <see cref="OpenDaemon.Ipc.Paths.DaemonPaths.PidPath"/>).</summary>
    public required string PidPath { get; init; }

    /// <summary>How long shutdown handlers may take in total before the daemon stops waiting. Default 5 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock for the shutdown deadline and <see cref="DaemonLifecycle.StartedAt"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where lifecycle events are logged; nothing is logged when null.</summary>
    public ILogger? Logger { get; init; }
}
