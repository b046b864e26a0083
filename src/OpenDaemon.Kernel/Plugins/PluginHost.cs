using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Kernel.Hooks;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Kernel.Watchdog;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>
/// The kernel's front door: registers plugins, starts them in dependency order inside their error
/// boundaries, stops them in reverse, enables/disables them at run time and reports their state.
/// Owns the event bus, the hook registry and the watchdog.
/// </summary>
/// <remarks>
/// Overview: lifecycle operations (start, stop, enable, disable) are serialised by one async gate,
/// so a disable never races a start. Reads (<see cref="List"/>, <see cref="Info"/>, RPC dispatch)
/// take no gate and see each plugin's volatile state.
/// </remarks>
public sealed partial class PluginHost : IAsyncDisposable
{
    private readonly PluginHostOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<PluginEntry> _registered = [];
    private readonly Dictionary<string, PluginEntry> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PluginEntry> _methodOwners = new(StringComparer.Ordinal);
    private readonly List<MetricDefinition> _metrics = [];
    private readonly HashSet<string> _disabled;
    private readonly List<PluginEntry> _stopOrder = [];
    private IReadOnlyList<PluginEntry> _startOrder = [];
    private bool _started;
    private bool _disposed;

    /// <summary>Creates a host with no plugins.</summary>
    public PluginHost(PluginHostOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("OpenDaemon.Kernel");
        _disabled = new HashSet<string>(options.DisabledPlugins, StringComparer.Ordinal);
        EventBus = new EventBus(options.LoggerFactory.CreateLogger("OpenDaemon.Kernel.Events"), options.TimeProvider);
        Hooks = new HookRegistry(options.LoggerFactory.CreateLogger("OpenDaemon.Kernel.Hooks"));
        Watchdog = new KernelWatchdog(options.Watchdog, options.TimeProvider, options.LoggerFactory.CreateLogger("OpenDaemon.Kernel.Watchdog"));
    }

    /// <summary>The event bus; the daemon publishes and subscribes here as "kernel".</summary>
    public IEventBus Events => EventBus;

    /// <summary>The hook registry; the process manager runs hooks here.</summary>
    public HookRegistry Hooks { get; }

    /// <summary>The RPC registry every method is dispatched by (plugins observe calls through it).</summary>
    internal RpcMethodRegistry Methods => _options.Methods;

    /// <summary>The kernel watchdog, started by <see cref="StartAsync"/>.</summary>
    public KernelWatchdog Watchdog { get; }

    /// <summary>Metrics declared by plugins so far.</summary>
    public IReadOnlyList<MetricDefinition> Metrics
    {
        get
        {
            lock (_lock)
            {
                return [.. _metrics];
            }
        }
    }

    /// <summary>Names currently disabled (to persist across daemon restarts).</summary>
    public IReadOnlySet<string> DisabledPlugins
    {
        get
        {
            lock (_lock)
            {
                return new HashSet<string>(_disabled, StringComparer.Ordinal);
            }
        }
    }

    internal EventBus EventBus { get; }

    /// <summary>Adds a plugin; only before <see cref="StartAsync"/>.</summary>
    /// <exception cref="DaemonException">PLUGIN_ALREADY_REGISTERED for a second plugin with the same name.</exception>
    public void Register(IPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (!ValidName().IsMatch(plugin.Name))
        {
            throw new ArgumentException($"plugin name '{plugin.Name}' is invalid: use letters, digits, '-', '_' or '.', not starting with '.'", nameof(plugin));
        }

        lock (_lock)
        {
            if (_started)
            {
                throw new InvalidOperationException($"plugin {plugin.Name} registered after the kernel started; register every plugin before StartAsync");
            }

            if (_byName.TryGetValue(plugin.Name, out var existing))
            {
                throw new DaemonException(
                    ErrorCode.PluginAlreadyRegistered,
                    $"plugin {plugin.Name} is already registered (version {existing.Plugin.Version})",
                    "each plugin name may be registered once; remove the duplicate");
            }

            var entry = new PluginEntry(plugin, this, _options);
            _registered.Add(entry);
            _byName.Add(plugin.Name, entry);
            if (_disabled.Contains(plugin.Name))
            {
                entry.State = PluginState.Disabled;
            }
        }
    }

    /// <summary>Every plugin: in start order once started, else in registration order.</summary>
    public IReadOnlyList<PluginInfo> List()
    {
        lock (_lock)
        {
            return [.. (_started ? _startOrder : _registered).Select(ToInfo)];
        }
    }

    /// <summary>One plugin.</summary>
    /// <exception cref="DaemonException">PLUGIN_NOT_FOUND.</exception>
    public PluginInfo Info(string name) => ToInfo(Find(name));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await Watchdog.DisposeAsync().ConfigureAwait(false);
        await EventBus.DisposeAsync().ConfigureAwait(false);
        foreach (var entry in _registered)
        {
            await entry.DisposeStoreAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    /// <summary>A running (or installed) plugin as its published interface, or null.</summary>
    public T? GetPlugin<T>(string name)
        where T : class
    {
        PluginEntry? entry;
        lock (_lock)
        {
            _byName.TryGetValue(name, out entry);
        }

        return entry is { State: PluginState.Installed or PluginState.Running } ? entry.Plugin as T : null;
    }

    internal void AddMetric(MetricDefinition metric)
    {
        lock (_lock)
        {
            _metrics.RemoveAll(m => m.Name == metric.Name && m.Plugin == metric.Plugin);
            _metrics.Add(metric);
        }
    }

    internal void RegisterMethod(PluginEntry entry, string name, RpcMethodHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock)
        {
            if (_methodOwners.TryGetValue(name, out var owner))
            {
                if (owner != entry)
                {
                    throw new DaemonException(
                        ErrorCode.PluginConflict,
                        $"plugin {entry.Name} registers RPC method {name}, which plugin {owner.Name} already owns",
                        $"disable one of them: 'od plugin disable {entry.Name}'");
                }
            }
            else
            {
                // Registered once for the daemon's lifetime; the entry decides per call whether it answers.
                _options.Methods.Register(name, entry.DispatchAsync);
                _methodOwners.Add(name, entry);
            }
        }

        entry.SetHandler(name, entry.Boundary.WrapMethod(handler));
    }

    private PluginEntry Find(string name)
    {
        lock (_lock)
        {
            if (_byName.TryGetValue(name, out var entry))
            {
                return entry;
            }

            string known = _registered.Count == 0 ? "none" : string.Join(", ", _registered.Select(e => e.Name).Order(StringComparer.Ordinal));
            throw new DaemonException(ErrorCode.PluginNotFound, $"no plugin named {name}", $"see 'od plugin list' (registered: {known})");
        }
    }

    private static PluginInfo ToInfo(PluginEntry entry)
    {
        var lastError = entry.LastError;
        return new PluginInfo
        {
            Name = entry.Name,
            Version = entry.Plugin.Version,
            Description = entry.Plugin.Description,
            State = entry.State,
            Breaker = entry.Breaker.State,
            BreakerRetryAt = entry.Breaker.RetryAt,
            FailureCount = entry.Breaker.FailureCount,
            LastError = lastError?.Error.ToErrorInfo(),
            LastErrorAt = lastError?.At,
            Dependencies = entry.Plugin.Dependencies,
            Priority = entry.Plugin.Priority,
            Methods = entry.MethodNames,
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]*$")]
    private static partial Regex ValidName();
}
