using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Api.WebSockets;

/// <summary>A call of the daemon's RPC handler from the WebSocket side: the result, or the error as a <see cref="DaemonException"/>.</summary>
internal static class RpcCall
{
    public static async Task<JsonElement> InvokeAsync(IJsonRpcHandler rpc, IIpcPeer peer, JsonRpcRequest request, CancellationToken cancellationToken)
    {
        var response = await rpc.HandleAsync(request, peer, cancellationToken).ConfigureAwait(false);
        return response.Error is { } error
            ? throw (error.Data?.Deserialize(ContractsJsonContext.Default.ErrorInfo) ?? new ErrorInfo(ErrorCode.UnknownError, error.Message)).ToException()
            : response.Result ?? default;
    }
}
