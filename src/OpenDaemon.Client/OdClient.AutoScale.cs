using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Contracts.Scaling;

namespace OpenDaemon.Client;

// The autoscaler's method (spec §3.5).
public sealed partial class OdClient
{
    /// <summary><c>autoscale.list</c>: the apps with <c>cluster.autoScale</c> (all, or those <paramref name="apps"/> names), their metrics against the thresholds and their last decisions.</summary>
    public Task<AutoScaleList> AutoScaleListAsync(IReadOnlyList<string>? apps = null, CancellationToken cancellationToken = default) =>
        apps is { Count: > 0 }
            ? InvokeAsync(RpcMethods.AutoScaleList, Targets(apps), ContractsJsonContext.Default.AutoScaleList, cancellationToken)
            : InvokeAsync(RpcMethods.AutoScaleList, ContractsJsonContext.Default.AutoScaleList, cancellationToken);
}
