using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Sockets;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>
/// The connection-level strategies of one app in cluster mode (round-robin, least-connections, ip-hash,
/// random, weighted): the daemon accepts on the app's socket and gives each connection to the instance the
/// <see cref="ConnectionBalancer"/> picks — a Node instance gets the connection itself over its IPC channel
/// (SCM_RIGHTS, as Node's cluster primary does: no byte passes through the daemon afterwards), any other
/// one through the daemon's relay to its private socket (<see cref="RunBackend"/>).
/// </summary>
/// <remarks>
/// Concurrency: one accept loop per app (started here, ended by <see cref="Dispose"/> or by the socket closing)
/// does everything — accept, pick, give — so the balancer needs no lock. It reads the instances' snapshots,
/// which the actors publish atomically; an instance takes connections while it is online with a target and
/// its health check is not failing. With none able to, the loop holds the connection (polling every 20 ms,
/// up to 30 s) and stops accepting, so later ones wait in the socket's backlog as they would in shared mode.
/// The per-instance counts (<see cref="InstanceShares"/>) are written by the loop and read by <c>od info</c>.
/// </remarks>
internal sealed partial class ConnectionDispatcher : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(30);

    private readonly SharedListenSocket _socket;
    private readonly Func<IReadOnlyList<InstanceActor>> _instances;
    private readonly ConnectionBalancer _balancer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _app;
    private readonly InstanceShares _shares;
    private readonly CancellationTokenSource _stop = new();

    public ConnectionDispatcher(string app, SharedListenSocket socket, ClusterConfig cluster, Func<IReadOnlyList<InstanceActor>> instances, TimeProvider time, ILogger logger)
    {
        _app = app;
        _socket = socket;
        Strategy = cluster.Strategy;
        _instances = instances;
        _balancer = new ConnectionBalancer(cluster.Strategy, cluster.Weights, Random.Shared.Next);
        _shares = new InstanceShares(instances, instance => Strategy == LoadBalancingStrategy.Weighted ? _balancer.WeightOf(instance) : null);
        _time = time;
        _logger = logger;
        var stopping = _stop.Token; // taken here: Dispose may dispose the source before the loop starts
        _ = Task.Run(() => RunAsync(stopping));
    }

    /// <summary>The strategy it applies.</summary>
    public LoadBalancingStrategy Strategy { get; }

    /// <summary>Each instance's connections handed so far, open now, and weight (for <c>od info</c>).</summary>
    public IReadOnlyList<InstanceShare> Shares() => _shares.Read();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
            {
                return; // the app was deleted, its strategy changed, or the daemon stops
            }
            catch (SocketException error)
            {
                // EMFILE and the like: the connection stays in the backlog; try again shortly.
                LogAcceptFailed(_logger, _app, error.Message);
                await DelayAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!await HandOverAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                connection.Dispose();
            }
        }
    }

    // True when an instance took the connection (it owns it then); false when none could within HoldLimit.
    private async Task<bool> HandOverAsync(Socket connection, CancellationToken cancellationToken)
    {
        var client = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        var giveUpAt = _time.GetUtcNow() + HoldLimit;
        while (!cancellationToken.IsCancellationRequested)
        {
            var targets = Targets();
            while (targets.Count > 0)
            {
                var index = _balancer.Pick([.. targets.Select(target => new ConnectionBalancer.Candidate(target.Instance, target.Target.OpenConnections))], client);
                var (instance, target) = targets[index];
                if (await target.TryTakeAsync(connection, cancellationToken).ConfigureAwait(false))
                {
                    _shares.Count(instance);
                    return true;
                }

                targets.RemoveAt(index); // its channel is full, it does not accept, or it is stopping: the next one
            }

            if (_time.GetUtcNow() >= giveUpAt)
            {
                LogNoInstance(_logger, _app, HoldLimit.TotalSeconds);
                return false;
            }

            await DelayAsync(cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private List<(int Instance, IConnectionTarget Target)> Targets() =>
        [.. _instances()
            .Select(instance => instance.Snapshot)
            .Where(snapshot => snapshot.Serving is not null && snapshot.Health?.Status != HealthStatus.Unhealthy)
            .Select(snapshot => (snapshot.Instance, snapshot.Serving!))];

    private async Task DelayAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(RetryInterval, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop sees the token.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster {App}: accepting a connection failed: {Error}")]
    private static partial void LogAcceptFailed(ILogger logger, string app, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster {App}: no instance could take a connection for {Seconds}s (none online with its channel): the connection was closed")]
    private static partial void LogNoInstance(ILogger logger, string app, double seconds);
}
