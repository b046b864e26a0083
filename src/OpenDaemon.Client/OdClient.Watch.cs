using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Contracts.Watch;

namespace OpenDaemon.Client;

// The watcher's methods (spec §3.10).
public sealed partial class OdClient
{
    /// <summary><c>watch.list</c>: the apps with <c>watch</c> (all, or those <paramref name="apps"/> names) and what their watchers do.</summary>
    public Task<WatchList> WatchListAsync(IReadOnlyList<string>? apps = null, CancellationToken cancellationToken = default) =>
        apps is { Count: > 0 }
            ? InvokeAsync(RpcMethods.WatchList, Targets(apps), ContractsJsonContext.Default.WatchList, cancellationToken)
            : InvokeAsync(RpcMethods.WatchList, ContractsJsonContext.Default.WatchList, cancellationToken);
}
