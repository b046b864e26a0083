using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Sockets;
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
/// connection-handoff strategy the socket is never passed to instances: its <see cref="ConnectionDispatcher"/>
/// accepts and hands connections over, and it lives and dies with the socket.
/// </remarks>
internal sealed class ClusterSockets : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ClusterSocket> _sockets = new(StringComparer.Ordinal);
    private HandoffContext? _handoff;

    /// <summary>What the connection dispatchers need from the process manager; without it every app shares its socket.</summary>
    public void EnableHandoff(HandoffContext context) => _handoff = context;

    /// <summary>
    /// The socket of <paramref name="app"/> on <paramref name="port"/>, bound now if it has none (or has one
    /// on another port or with another strategy, after a configuration change). With <paramref name="handoff"/>
    /// (a connection-level strategy) the daemon accepts on it and a dispatcher hands the connections to the
    /// instances. Throws PROCESS_START_FAILED naming the holder when the port is taken.
    /// </summary>
    public ClusterSocket Acquire(string app, int port, ClusterConfig? handoff)
    {
        var context = handoff is null ? null : _handoff;
        var strategy = context is null ? LoadBalancingStrategy.Shared : handoff!.Strategy;
        lock (_lock)
        {
            if (_sockets.TryGetValue(app, out var existing))
            {
                if (existing.Socket.Port == port && existing.Strategy == strategy && (existing.Dispatcher is null || existing.Weights.SequenceEqual(handoff!.Weights)))
                {
                    return existing;
                }

                // A socket the daemon accepted on is non-blocking: it is never passed to apps, so a change binds anew.
                _sockets.Remove(app);
                existing.Dispose();
            }

            SharedListenSocket socket;
            try
            {
                socket = SharedListenSocket.Bind(port);
            }
            catch (PortBindException error)
            {
                throw new DaemonException(
                    ErrorCode.ProcessStartFailed,
                    $"app {app}: cluster mode cannot listen: {error.Message}",
                    error.InUse ? "stop that process, or give the app another port ('port', or PORT in 'env')" : "give the app another port ('port', or PORT in 'env')",
                    error);
            }

            var dispatcher = context is null ? null : new ConnectionDispatcher(app, socket, handoff!, () => context.InstancesOf(app), context.Time, context.Logger);
            var entry = new ClusterSocket(socket, dispatcher, strategy, handoff?.Weights ?? []);
            _sockets.Add(app, entry);
            return entry;
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
}

/// <summary>An app's bound socket, and its dispatcher when a connection-handoff strategy accepts on it.</summary>
internal sealed record ClusterSocket(SharedListenSocket Socket, ConnectionDispatcher? Dispatcher, LoadBalancingStrategy Strategy, IReadOnlyList<int> Weights) : IDisposable
{
    public void Dispose()
    {
        Dispatcher?.Dispose();
        Socket.Dispose();
    }
}

/// <summary>What dispatchers need from the process manager: an app's instance actors, the clock and the log.</summary>
internal sealed record HandoffContext(Func<string, IReadOnlyList<InstanceActor>> InstancesOf, TimeProvider Time, ILogger Logger);
