using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Config.Model;
using OpenDaemon.Kernel.Resilience;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Kernel.Watchdog;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>What the <see cref="PluginHost"/> is built from.</summary>
public sealed record PluginHostOptions
{
    /// <summary>The configuration plugins see; <c>plugins.&lt;name&gt;</c> feeds each plugin's config.</summary>
    public OpenDaemonConfig Config { get; init; } = OpenDaemonConfig.Empty;

    /// <summary>Where each plugin's state file <c>&lt;name&gt;.json</c> lives (under OD_HOME).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The RPC registry plugin methods are added to.</summary>
    public required RpcMethodRegistry Methods { get; init; }

    /// <summary>Loggers; each plugin gets one named <c>OpenDaemon.Plugins.&lt;name&gt;</c>.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The clock for breakers, state debouncing, the watchdog and plugins.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Per-plugin circuit breaker settings.</summary>
    public CircuitBreakerOptions Breaker { get; init; } = new();

    /// <summary>Watchdog settings.</summary>
    public WatchdogOptions Watchdog { get; init; } = new();

    /// <summary>Plugins registered but not started (config or a previous <c>od plugin disable</c>).</summary>
    public IReadOnlySet<string> DisabledPlugins { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>How long state changes are batched before a write. Default 1 s.</summary>
    public TimeSpan StateFlushDelay { get; init; } = TimeSpan.FromSeconds(1);
}
