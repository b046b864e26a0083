using System.Collections.Concurrent;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc;
using OpenDaemon.Kernel.Resilience;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Kernel.State;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>
/// The kernel's record of one plugin: its boundary and breaker, lifecycle state, its RPC handlers
/// and the subscriptions/hooks to release when it stops.
/// </summary>
/// <remarks>
/// Lifecycle transitions happen only under <see cref="PluginHost"/>'s lifecycle gate; the state is
/// volatile because RPC dispatch and <c>List</c> read it from other threads.
/// </remarks>
internal sealed class PluginEntry
{
    private readonly ConcurrentDictionary<string, RpcMethodHandler> _handlers = new(StringComparer.Ordinal);
    private readonly Lock _registrationsLock = new();
    private readonly List<IDisposable> _registrations = [];
    private readonly Lazy<JsonFileStateStore> _store;
    private readonly TimeProvider _time;
    private volatile PluginState _state = PluginState.Registered;
    private volatile Problem? _problem;

    public PluginEntry(IPlugin plugin, PluginHost host, PluginHostOptions options)
    {
        Plugin = plugin;
        _time = options.TimeProvider;
        var logger = options.LoggerFactory.CreateLogger($"OpenDaemon.Plugins.{plugin.Name}");
        Breaker = new CircuitBreaker(options.Breaker, options.TimeProvider);
        Context = new PluginContext(this, host, options, logger);
        Boundary = new PluginErrorBoundary(plugin.Name, Breaker, logger, options.TimeProvider, error => plugin.OnError(error, Context));
        _store = new Lazy<JsonFileStateStore>(
            () => new JsonFileStateStore(Path.Join(options.StateDirectory, plugin.Name + ".json"), logger, options.TimeProvider, options.StateFlushDelay),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IPlugin Plugin { get; }

    public string Name => Plugin.Name;

    public CircuitBreaker Breaker { get; }

    public PluginErrorBoundary Boundary { get; }

    public PluginContext Context { get; }

    public PluginState State
    {
        get => _state;
        set => _state = value;
    }

    /// <summary>True between a successful Install and the matching Stop.</summary>
    public bool NeedsStop { get; set; }

    public IStateStore Store => _store.Value;

    public IReadOnlyList<string> MethodNames => [.. _handlers.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The latest failure: from the boundary, or a reason the kernel did not start it.</summary>
    public (DaemonException Error, DateTimeOffset At)? LastError
    {
        get
        {
            var problem = _problem;
            var boundaryAt = Boundary.LastErrorAt;
            if (problem is not null && (boundaryAt is null || problem.At >= boundaryAt))
            {
                return (problem.Error, problem.At);
            }

            return boundaryAt is { } at ? (Boundary.LastError!, at) : null;
        }
    }

    /// <summary>Marks the plugin failed for a reason found by the kernel (config, dependency).</summary>
    public void Fail(DaemonException reason)
    {
        _problem = new Problem(reason, _time.GetUtcNow());
        State = PluginState.Failed;
    }

    public void ClearProblem() => _problem = null;

    public void SetHandler(string method, RpcMethodHandler wrapped) => _handlers[method] = wrapped;

    public void Track(IDisposable registration)
    {
        lock (_registrationsLock)
        {
            _registrations.Add(registration);
        }
    }

    /// <summary>Drops subscriptions, hooks and method handlers; the method names keep answering "not running".</summary>
    public void ReleaseRegistrations()
    {
        IDisposable[] all;
        lock (_registrationsLock)
        {
            all = [.. _registrations];
            _registrations.Clear();
        }

        foreach (var registration in all)
        {
            registration.Dispose();
        }

        _handlers.Clear();
    }

    public async Task FlushStoreAsync(CancellationToken cancellationToken)
    {
        if (_store.IsValueCreated)
        {
            await _store.Value.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeStoreAsync()
    {
        if (_store.IsValueCreated)
        {
            await _store.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>What the RPC registry calls for each of this plugin's method names.</summary>
    public ValueTask<JsonRpcResult> DispatchAsync(RpcCall call, CancellationToken cancellationToken)
    {
        if (State == PluginState.Running && _handlers.TryGetValue(call.Method, out var handler))
        {
            return handler(call, cancellationToken);
        }

        throw NotRunningError();
    }

    public DaemonException NotRunningError() => State switch
    {
        PluginState.Disabled => new DaemonException(ErrorCode.UnknownError, $"plugin {Name} is disabled", $"od plugin enable {Name}"),
        PluginState.Failed => new DaemonException(
            ErrorCode.UnknownError,
            $"plugin {Name} has failed: {LastError?.Error.Message ?? "unknown reason"}",
            $"od plugin info {Name}"),
        PluginState.Stopped => new DaemonException(ErrorCode.DaemonNotRunning, $"plugin {Name} is stopped: the daemon is shutting down"),
        _ => new DaemonException(ErrorCode.UnknownError, $"plugin {Name} is still starting", "retry in a moment"),
    };

    private sealed record Problem(DaemonException Error, DateTimeOffset At);
}
