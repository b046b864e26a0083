using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Kernel.Rpc;

/// <summary>
/// The one place RPC methods are registered and dispatched, whatever the transport (IPC now,
/// REST and WebSocket later call the same handlers). Failures become JSON-RPC errors whose
/// <c>data</c> is an <see cref="ErrorInfo"/>, so every client can show code, message and hint.
/// </summary>
public sealed partial class RpcMethodRegistry : IJsonRpcHandler
{
    private readonly ConcurrentDictionary<string, RpcMethodHandler> _methods = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    /// <summary>Creates an empty registry.</summary>
    public RpcMethodRegistry(ILogger logger) => _logger = logger;

    /// <summary>Names of the registered methods, sorted.</summary>
    public IReadOnlyList<string> MethodNames => [.. _methods.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Registers a raw handler; a second registration of the same name is refused.</summary>
    public void Register(string method, RpcMethodHandler handler)
    {
        if (!_methods.TryAdd(method, handler))
        {
            throw new InvalidOperationException($"RPC method '{method}' is already registered.");
        }
    }

    /// <summary>Registers a handler whose result is serialised with <paramref name="resultType"/>.</summary>
    public void Register<TResult>(
        string method,
        Func<RpcCall, CancellationToken, ValueTask<TResult>> handler,
        JsonTypeInfo<TResult> resultType) =>
        Register(method, async (call, cancellationToken) =>
            JsonSerializer.SerializeToElement(await handler(call, cancellationToken).ConfigureAwait(false), resultType));

    /// <inheritdoc />
    public async ValueTask<JsonRpcResponse> HandleAsync(JsonRpcRequest request, IIpcPeer peer, CancellationToken cancellationToken)
    {
        if (!_methods.TryGetValue(request.Method, out var handler))
        {
            return Failure(request, JsonRpcError.MethodNotFound, new ErrorInfo(
                ErrorCode.MethodNotFound,
                $"the daemon has no method '{request.Method}'",
                "the CLI and the daemon may be different versions: run 'od daemon restart'"));
        }

        try
        {
            var result = await handler(new RpcCall(request.Method, request.Params, peer), cancellationToken).ConfigureAwait(false);
            return JsonRpcResponse.Success(request.Id, result);
        }
        catch (DaemonException failure)
        {
            return Failure(request, failure.Code == ErrorCode.InvalidParams ? JsonRpcError.InvalidParams : JsonRpcError.ServerError, failure.ToErrorInfo());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception unexpected)
        {
            LogMethodFailed(_logger, request.Method, unexpected);
            return Failure(request, JsonRpcError.InternalError, new ErrorInfo(
                ErrorCode.UnknownError,
                $"{request.Method} failed inside the daemon: {unexpected.Message}",
                "see the daemon log ('od daemon logs') for details"));
        }
    }

    private static JsonRpcResponse Failure(JsonRpcRequest request, int rpcCode, ErrorInfo info) =>
        JsonRpcResponse.Failure(request.Id, new JsonRpcError(
            rpcCode,
            info.Message,
            JsonSerializer.SerializeToElement(info, ContractsJsonContext.Default.ErrorInfo)));

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "RPC method {Method} threw")]
    private static partial void LogMethodFailed(ILogger logger, string method, Exception exception);
}
