using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Environment;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Resilience;

namespace OpenDaemon.Daemon;

/// <summary>How to host one daemon.</summary>
public sealed record DaemonHostOptions
{
    /// <summary>Where the installation lives (<c>OD_HOME</c>, <c>OD_SOCKET</c>).</summary>
    public required OdEnvironment Environment { get; init; }

    /// <summary>How long a graceful stop may take before it is abandoned with SHUTDOWN_TIMEOUT.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Also write the daemon log to stderr (foreground runs under systemd or a terminal).</summary>
    public bool LogToStandardError { get; init; } = true;

    /// <summary>Stop gracefully on SIGTERM and SIGINT. Off for daemons hosted inside tests.</summary>
    public bool HandleSignals { get; init; } = true;

    /// <summary>Least severe level written to the daemon log.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>The configuration file the daemon runs (<c>-c FILE</c>), or null for none.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Plugins registered besides the built-in ones (tests add deliberately faulty ones).</summary>
    public IReadOnlyList<IPlugin> ExtraPlugins { get; init; } = [];

    /// <summary>Error-boundary thresholds for every plugin.</summary>
    public CircuitBreakerOptions Breaker { get; init; } = new();

    /// <summary>The clock; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
