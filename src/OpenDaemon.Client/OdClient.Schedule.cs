using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Contracts.Scheduling;

namespace OpenDaemon.Client;

// The scheduler's methods (spec §3.9).
public sealed partial class OdClient
{
    /// <summary><c>schedule.list</c>: the apps with a cron schedule (all, or those <paramref name="apps"/> names), with next and last runs.</summary>
    public Task<ScheduleList> ScheduleListAsync(IReadOnlyList<string>? apps = null, CancellationToken cancellationToken = default) =>
        apps is { Count: > 0 }
            ? InvokeAsync(RpcMethods.ScheduleList, Targets(apps), ContractsJsonContext.Default.ScheduleList, cancellationToken)
            : InvokeAsync(RpcMethods.ScheduleList, ContractsJsonContext.Default.ScheduleList, cancellationToken);
}
