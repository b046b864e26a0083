using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Sockets;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>
/// The listening sockets of the apps in cluster mode, one per app, owned here rather than by any run:
/// bound when the app's first instance is planned, kept while instances restart or reload (connections
/// that arrive meanwhile wait in the socket's backlog), closed when the app is deleted or the daemon stops.
/// </summary>
/// <remarks>
/// Overview of concurrency: instance actors plan their spawns concurrently, and commands (delete,
/// daemon stop) release sockets from other threads; one lock guards the dictionary, and binding
/// happens inside it so that two instances of an app never bind twice. A socket released while an
/// instance spawns stays valid for that spawn: the spawner holds a reference on its handle
/// (<c>InheritedDescriptors</c>), and a released handle makes the spawn fail cleanly. With a
/// connection-level strategy the socket is never passed to instances: its <see cref="ConnectionDispatcher"/>
/// accepts and hands connections over; with a request-level one the daemon's HTTP proxy serves it. Either
/// lives and dies with the socket.
/// </remarks>
internal sealed class ClusterSockets : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ClusterSocket> _sockets = new(StringComparer.Ordinal);
    private HandoffContext? _handoff;

    /// <summary>What the dispatchers and the proxy need from the process manager; without it every app shares its socket.</summary>
    public void EnableHandoff(HandoffContext context) => _handoff = context;

    /// <summary>
    /// The socket of <paramref name="app"/> on <paramref name="port"/>, bound now if it has none (or has one
    /// on another port or balanced otherwise, after a configuration change). With <paramref name="balancing"/>
    /// (a connection-level or request-level strategy) the daemon accepts on it: a dispatcher hands the
    /// connections to the instances, or the HTTP proxy forwards the requests. Throws PROCESS_START_FAILED
    /// naming the holder when the port is taken.
    /// </summary>
    public ClusterSocket Acquire(string app, int port, ClusterConfig? balancing)
    {
        var context = balancing is null ? null : _handoff;
        balancing = context is null ? null : balancing;
        lock (_lock)
        {
            if (_sockets.TryGetValue(app, out var existing))
            {
                if (existing.Socket.Port == port && SameBalancing(existing.Balancing, balancing))
                {
                    return existing;
                }

                // A socket the daemon accepted on is non-blocking: it is never passed to apps, so a change binds anew.
                _sockets.Remove(app);
                existing.Dispose();
            }

            var socket = Bind(app, port);
            try
            {
                var entry = balancing is null ? new ClusterSocket(socket, null, null, null)
                    : balancing.RequestLevel ? Proxied(app, socket, balancing, context!)
                    : new ClusterSocket(socket, balancing, new ConnectionDispatcher(app, socket, balancing, () => context!.InstancesOf(app), context!.Time, context.Logger), null);
                _sockets.Add(app, entry);
                return entry;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    /// <summary>The socket of <paramref name="app"/>, if it has one (for <c>od info</c>).</summary>
    public ClusterSocket? Find(string app)
    {
        lock (_lock)
        {
            return _sockets.GetValueOrDefault(app);
        }
    }

    /// <summary>Closes the socket of <paramref name="app"/> (deleted, or no longer in cluster mode); the port is free again once its instances are gone.</summary>
    public void Release(string app)
    {
        ClusterSocket? socket;
        lock (_lock)
        {
            if (!_sockets.Remove(app, out socket))
            {
                return;
            }
        }

        socket.Dispose();
    }

    /// <summary>Closes every socket (daemon stop, after every instance stopped).</summary>
    public void Dispose()
    {
        List<ClusterSocket> sockets;
        lock (_lock)
        {
            sockets = [.. _sockets.Values];
            _sockets.Clear();
        }

        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }

    private static SharedListenSocket Bind(string app, int port)
    {
        try
        {
            return SharedListenSocket.Bind(port);
        }
        catch (PortBindException error)
        {
            throw new DaemonException(
                ErrorCode.ProcessStartFailed,
                $"app {app}: cluster mode cannot listen: {error.Message}",
                error.InUse ? "stop that process, or give the app another port ('port', or PORT in 'env')" : "give the app another port ('port', or PORT in 'env')",
                error);
        }
    }

    private static ClusterSocket Proxied(string app, SharedListenSocket socket, ClusterConfig balancing, HandoffContext context)
    {
        if (context.Proxy is not { } proxy)
        {
            throw new DaemonException(
                ErrorCode.ProcessStartFailed,
                $"app {app}: 'cluster.sticky', 'cluster.routeByHeader' and 'cluster.tls' need the daemon's HTTP proxy, which this daemon was built without",
                "use a connection-level strategy ('ip-hash' keeps a client on one instance by its address)");
        }

        var routes = new ProxyRoutes(balancing, () => context.InstancesOf(app));
        return new ClusterSocket(socket, balancing, null, routes) { Proxy = proxy.Start(new RequestProxyApp(app, socket.Duplicate(), routes, context.Logger, balancing.Tls)) };
    }

    // Whether an app's socket can stay as it is: the same way of balancing (a change of strategy, weights,
    // stickiness or routing header starts a new dispatcher or proxy).
    private static bool SameBalancing(ClusterConfig? current, ClusterConfig? wanted) =>
        (current, wanted) switch
        {
            (null, null) => true,
            ({ } a, { } b) => a.Strategy == b.Strategy && a.Weights.SequenceEqual(b.Weights) && a.Sticky == b.Sticky && a.RouteByHeader == b.RouteByHeader && a.Tls == b.Tls,
            _ => false,
        };
}

/// <summary>
/// An app's bound socket and how the daemon balances it: <see cref="Balancing"/> null — the instances share
/// it; a <see cref="Dispatcher"/> — connections handed or relayed; <see cref="Routes"/> and
/// <see cref="Proxy"/> — requests proxied.
/// </summary>
internal sealed record ClusterSocket(SharedListenSocket Socket, ClusterConfig? Balancing, ConnectionDispatcher? Dispatcher, ProxyRoutes? Routes) : IDisposable
{
    /// <summary>The running HTTP proxy of a request-level strategy.</summary>
    public IDisposable? Proxy { get; init; }

    /// <summary>Whether the daemon accepts on the socket (the instances then get one of their own, or connections over their channel).</summary>
    public bool DaemonAccepts => Balancing is not null;

    /// <summary>The strategy in effect (<c>shared</c> when the instances share the socket).</summary>
    public LoadBalancingStrategy Strategy => Routes?.Strategy ?? Balancing?.Strategy ?? LoadBalancingStrategy.Shared;

    public void Dispose()
    {
        Proxy?.Dispose();
        Dispatcher?.Dispose();
        Socket.Dispose();
    }
}

/// <summary>
/// What dispatchers and the proxy need from the process manager: an app's instance actors, the clock, the
/// log, and the HTTP proxy of the request-level strategies (null: the daemon has none).
/// </summary>
internal sealed record HandoffContext(Func<string, IReadOnlyList<InstanceActor>> InstancesOf, TimeProvider Time, ILogger Logger, IRequestProxyHost? Proxy = null);
