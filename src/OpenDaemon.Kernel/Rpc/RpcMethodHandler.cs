using OpenDaemon.Ipc;

namespace OpenDaemon.Kernel.Rpc;

/// <summary>
/// Handles one RPC method and returns its result: typed (<see cref="JsonRpcResult.From{T}"/>), so that the
/// IPC server serialises it straight into the answer's frame, or a <see cref="System.Text.Json.JsonElement"/>
/// (converted implicitly).
/// </summary>
public delegate ValueTask<JsonRpcResult> RpcMethodHandler(RpcCall call, CancellationToken cancellationToken);
