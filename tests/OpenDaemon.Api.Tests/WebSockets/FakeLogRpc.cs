using System.Collections.Concurrent;
using System.Text.Json;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Api.Tests.WebSockets;

/// <summary>
/// The daemon's RPC as the WebSocket side uses it for logs: <c>log.stream</c> answers a new stream id,
/// <c>log.unstream</c> ends it, <c>process.info</c> knows the apps of <see cref="Apps"/>; the calls are recorded.
/// </summary>
internal sealed class FakeLogRpc : IJsonRpcHandler
{
    private int _lastStream = 6;

    public ConcurrentQueue<string> Calls { get; } = new();

    public int StreamId => Volatile.Read(ref _lastStream);

    /// <summary>App name → its instance numbers.</summary>
    public Dictionary<string, int[]> Apps { get; } = new(StringComparer.Ordinal) { ["web"] = [0], ["api"] = [0, 1] };

    public ValueTask<JsonRpcResponse> HandleAsync(JsonRpcRequest request, IIpcPeer peer, CancellationToken cancellationToken)
    {
        Calls.Enqueue(request.Method);
        var result = request.Method switch
        {
            RpcMethods.LogStream => $$"""{"streamId":{{Interlocked.Increment(ref _lastStream)}}}""",
            RpcMethods.LogUnstream => """{"streamId":0,"ended":true}""",
            RpcMethods.ProcessInfo => Info(request.Params!.Value.GetProperty("targets")[0].GetString()!),
            _ => null,
        };
        return ValueTask.FromResult(result is null
            ? JsonRpcResponse.Failure(request.Id, new JsonRpcError(JsonRpcError.MethodNotFound, request.Method))
            : JsonRpcResponse.Success(request.Id, JsonDocument.Parse(result).RootElement.Clone()));
    }

    private string Info(string target)
    {
        var rows = Apps.SelectMany(app => app.Value.Select(instance => (Name: app.Key, Instance: instance)))
            .Where(row => row.Name == target)
            .Select(row => $$$"""{"summary":{"name":"{{{row.Name}}}","instance":{{{row.Instance}}}}}""");
        return $$"""{"processes":[{{string.Join(',', rows)}}]}""";
    }
}
