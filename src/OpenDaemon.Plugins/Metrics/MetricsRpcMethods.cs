using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Plugins.Shared;

namespace OpenDaemon.Plugins.Metrics;

/// <summary>The <c>metric.*</c> methods of spec §5.4 (and <c>metric.exposition</c> for <c>od metrics</c>).</summary>
internal static class MetricsRpcMethods
{
    private const string Example = "{\"targets\":[\"api\"],\"rangeMs\":900000,\"stepMs\":60000}";

    public static void Register(IPluginContext context, MetricsQueries queries)
    {
        var json = ContractsJsonContext.Default;
        RpcParameters.Register(context, RpcMethods.MetricSnapshot, () => json.MetricSnapshot, (call, _) =>
            Task.FromResult(queries.Snapshot(ReadOrEmpty(call))));
        RpcParameters.Register(context, RpcMethods.MetricHistory, () => json.MetricHistory, (call, _) =>
            Task.FromResult(queries.History(ReadOrEmpty(call))));
        RpcParameters.Register(context, RpcMethods.MetricExposition, () => json.MetricExposition, (call, _) =>
            Task.FromResult(queries.Exposition(ReadOrEmpty(call))));
    }

    // No parameters (or null) ask for everything; anything else must be a well-formed object.
    private static Contracts.Metrics.MetricQueryParams ReadOrEmpty(Kernel.Rpc.RpcCall call) =>
        call.Params is null or { ValueKind: System.Text.Json.JsonValueKind.Null } ? new() : RpcParameters.Read(call, ContractsJsonContext.Default.MetricQueryParams, Example);
}
