using System.Net.Sockets;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// Where the connection dispatcher of an app with a connection-level strategy sends a connection it accepted
/// for one run: the run's Node IPC channel (<see cref="RunChannel"/>: the connection itself is handed over),
/// or the run's private socket through the daemon's relay (<see cref="Cluster.RunBackend"/>, for apps
/// that cannot take a handed connection).
/// </summary>
internal interface IConnectionTarget
{
    /// <summary>Connections given to the run that are not closed yet (what least-connections counts).</summary>
    int OpenConnections { get; }

    /// <summary>
    /// Gives the run <paramref name="connection"/>: on true the target owns it; on false (the run cannot take it
    /// now, or it is retired) the caller still does and tries another run.
    /// </summary>
    ValueTask<bool> TryTakeAsync(Socket connection, CancellationToken cancellationToken);

    /// <summary>
    /// Takes no more connections, as the run is about to be signalled to stop. True when
    /// <paramref name="drained"/> will be called (from any thread) once the connections already given have
    /// reached the app, so that its graceful stop includes them; false when there is nothing to wait for.
    /// </summary>
    bool TryRetire(Action drained);
}
