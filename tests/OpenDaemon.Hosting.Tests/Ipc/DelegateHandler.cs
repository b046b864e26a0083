using System.Text.Json;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>An <see cref="IJsonRpcHandler"/> made of a lambda.</summary>
internal sealed class DelegateHandler(Func<JsonRpcRequest, IIpcPeer, CancellationToken, ValueTask<JsonRpcResponse>> handle) : IJsonRpcHandler
{
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>Answers every request with its own params as the result.</summary>
    public static DelegateHandler Echo { get; } = new((request, _, _) =>
        ValueTask.FromResult(JsonRpcResponse.Success(request.Id, request.Params ?? Null)));

    public ValueTask<JsonRpcResponse> HandleAsync(JsonRpcRequest request, IIpcPeer peer, CancellationToken cancellationToken) =>
        handle(request, peer, cancellationToken);
}
