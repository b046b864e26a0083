using System.Text.Json;

namespace OpenDaemon.Kernel.Rpc;

/// <summary>Handles one RPC method and returns its JSON result.</summary>
public delegate ValueTask<JsonElement> RpcMethodHandler(RpcCall call, CancellationToken cancellationToken);
