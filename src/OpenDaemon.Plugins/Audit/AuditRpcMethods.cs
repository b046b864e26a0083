using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Plugins.Audit.Reading;
using OpenDaemon.Plugins.Audit.Streaming;
using OpenDaemon.Plugins.Audit.Writing;
using OpenDaemon.Plugins.Shared;

namespace OpenDaemon.Plugins.Audit;

/// <summary><c>audit.search</c>, <c>audit.verify</c>, <c>audit.stream</c>, <c>audit.unstream</c>.</summary>
internal static class AuditRpcMethods
{
    private const string SearchExample = "{\"action\":\"process.*\",\"actor\":\"cli\",\"since\":\"2026-01-01T00:00:00Z\",\"limit\":100}";

    public static void Register(IPluginContext context, AuditWriter writer, AuditFollowers followers)
    {
        var json = ContractsJsonContext.Default;
        RpcParameters.Register(context, RpcMethods.AuditSearch, () => json.AuditSearchResult, async (call, cancellationToken) =>
        {
            var parameters = ReadOrEmpty(call, json.AuditSearchParams, SearchExample, new AuditSearchParams());
            var limit = parameters.Limit ?? AuditSearcher.DefaultLimit;
            if (limit is < 0 or > AuditSearcher.MaxLimit)
            {
                throw RpcParameterReader.Invalid(call, "limit", $"must be from 0 to {AuditSearcher.MaxLimit}", "for example {\"limit\":100}");
            }

            using var snapshot = await writer.OnWriterAsync(writer.Snapshot, cancellationToken).ConfigureAwait(false);
            return AuditSearcher.Search(snapshot, AuditEntryFilter.From(parameters, parameters.Since), limit);
        });
        RpcParameters.Register(context, RpcMethods.AuditVerify, () => json.AuditVerifyResult, async (call, cancellationToken) =>
        {
            RpcParameterReader.ReadNone(call);
            using var snapshot = await writer.OnWriterAsync(writer.Snapshot, cancellationToken).ConfigureAwait(false);
            return AuditVerifier.Verify(snapshot);
        });
        RpcParameters.Register(context, RpcMethods.AuditStream, () => json.AuditStreamStarted, (call, _) =>
            Task.FromResult(followers.Start(ReadOrEmpty(call, json.AuditStreamParams, "{\"action\":\"process.*\",\"actor\":\"cli\"}", new AuditStreamParams()), call.Peer)));
        RpcParameters.Register(context, RpcMethods.AuditUnstream, () => json.AuditUnstreamResult, (call, _) =>
            Task.FromResult(followers.Stop(RpcParameters.Read(call, json.AuditUnstreamParams, "{\"streamId\":1}").StreamId, call.Peer)));
    }

    // No parameters (or null) mean no filter; anything else must be a well-formed object.
    private static T ReadOrEmpty<T>(RpcCall call, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string example, T empty)
        where T : class =>
        call.Params is null or { ValueKind: System.Text.Json.JsonValueKind.Null } ? empty : RpcParameters.Read(call, type, example);
}
