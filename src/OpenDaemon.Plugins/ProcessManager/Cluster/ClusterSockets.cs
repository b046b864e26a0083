using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Sockets;

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
/// (<c>InheritedDescriptors</c>), and a released handle makes the spawn fail cleanly.
/// </remarks>
internal sealed class ClusterSockets : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SharedListenSocket> _sockets = new(StringComparer.Ordinal);

    /// <summary>
    /// The socket of <paramref name="app"/> on <paramref name="port"/>, bound now if it has none (or has one
    /// on another port, after a configuration change). Throws PROCESS_START_FAILED naming the holder when
    /// the port is taken.
    /// </summary>
    public SharedListenSocket Acquire(string app, int port)
    {
        lock (_lock)
        {
            if (_sockets.TryGetValue(app, out var existing))
            {
                if (existing.Port == port)
                {
                    return existing;
                }

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

            _sockets.Add(app, socket);
            return socket;
        }
    }

    /// <summary>The socket of <paramref name="app"/>, if it has one (for <c>od info</c>).</summary>
    public SharedListenSocket? Find(string app)
    {
        lock (_lock)
        {
            return _sockets.GetValueOrDefault(app);
        }
    }

    /// <summary>Closes the socket of <paramref name="app"/> (deleted, or no longer in cluster mode); the port is free again once its instances are gone.</summary>
    public void Release(string app)
    {
        SharedListenSocket? socket;
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
        List<SharedListenSocket> sockets;
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
