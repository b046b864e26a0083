using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Ipc;

/// <summary>Answers the JSON-RPC requests an <see cref="IpcServer"/> receives.</summary>
/// <remarks>
/// Requests on one connection are handled concurrently. A handler is started on the connection's read loop and
/// runs there until its first await, so it must not block a thread (await instead). The token is cancelled
/// when the connection closes.
/// An exception becomes an <see cref="JsonRpcError.InternalError"/> response; the connection stays open.
/// For notifications (<see cref="JsonRpcRequest.Id"/> is <see langword="null"/>) the returned response is discarded.
/// </remarks>
public interface IJsonRpcHandler
{
    /// <summary>Handles one request and returns its response.</summary>
    ValueTask<JsonRpcResponse> HandleAsync(JsonRpcRequest request, IIpcPeer peer, CancellationToken cancellationToken);
}
