using System.Collections.Concurrent;
using System.Diagnostics;
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

    // Copy-on-write: read without a lock on every call, replaced whole when an observer comes or goes.
    private IRpcCallObserver[] _observers = [];

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

    /// <summary>
    /// Registers a handler whose result is serialised with the metadata <paramref name="resultType"/> returns, asked
    /// for when an answer is written: building a type's JSON metadata costs time, and built for every method at
    /// registration it was a quarter of the daemon's start-up (most of it for methods nobody calls that soon).
    /// </summary>
    public void Register<TResult>(
        string method,
        Func<RpcCall, CancellationToken, ValueTask<TResult>> handler,
        Func<JsonTypeInfo<TResult>> resultType) =>
        Register(method, async (call, cancellationToken) =>
            JsonRpcResult.From(await handler(call, cancellationToken).ConfigureAwait(false), resultType()));

    /// <summary>
    /// Adds an observer told about every completed call (see <see cref="IRpcCallObserver"/>); dispose
    /// the result to remove it.
    /// </summary>
    public IDisposable AddObserver(IRpcCallObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Swap(observers => [.. observers, observer]);
        return new ObserverRegistration(this, observer);
    }

    /// <inheritdoc />
    public async ValueTask<JsonRpcResponse> HandleAsync(JsonRpcRequest request, IIpcPeer peer, CancellationToken cancellationToken)
    {
        var call = new RpcCall(request.Method, request.Params, peer);
        if (!_methods.TryGetValue(request.Method, out var handler))
        {
            Observe(call, ErrorCode.MethodNotFound, cancelled: false, 0);
            return Failure(request, JsonRpcError.MethodNotFound, new ErrorInfo(
                ErrorCode.MethodNotFound,
                $"the daemon has no method '{request.Method}'",
                "the CLI and the daemon may be different versions: run 'od daemon restart'"));
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await handler(call, cancellationToken).ConfigureAwait(false);
            Observe(call, null, cancelled: false, started);
            return JsonRpcResponse.Success(request.Id, result);
        }
        catch (DaemonException failure)
        {
            Observe(call, failure.Code, cancelled: false, started);
            return Failure(request, failure.Code == ErrorCode.InvalidParams ? JsonRpcError.InvalidParams : JsonRpcError.ServerError, failure.ToErrorInfo());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Observe(call, null, cancelled: true, started);
            throw;
        }
        catch (Exception unexpected)
        {
            Observe(call, ErrorCode.UnknownError, cancelled: false, started);
            LogMethodFailed(_logger, request.Method, unexpected);
            return Failure(request, JsonRpcError.InternalError, new ErrorInfo(
                ErrorCode.UnknownError,
                $"{request.Method} failed inside the daemon: {unexpected.Message}",
                "see the daemon log ('od daemon logs') for details"));
        }
    }

    // Runs on the caller's thread before the answer goes out, so that an audit entry is queued before
    // the client can see the answer (an `od audit` right after `od stop` finds it). Observers only queue.
    private void Observe(RpcCall call, ErrorCode? error, bool cancelled, long started)
    {
        var observers = Volatile.Read(ref _observers);
        if (observers.Length == 0)
        {
            return;
        }

        var outcome = new RpcCallOutcome(call, error, cancelled, started == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(started));
        foreach (var observer in observers)
        {
            try
            {
                observer.OnCallCompleted(outcome);
            }
            catch (Exception failure)
            {
                LogObserverFailed(_logger, call.Method, failure);
            }
        }
    }

    private void Swap(Func<IRpcCallObserver[], IRpcCallObserver[]> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _observers);
            if (Interlocked.CompareExchange(ref _observers, change(current), current) == current)
            {
                return;
            }
        }
    }

    private static JsonRpcResponse Failure(JsonRpcRequest request, int rpcCode, ErrorInfo info) =>
        JsonRpcResponse.Failure(request.Id, new JsonRpcError(
            rpcCode,
            info.Message,
            JsonSerializer.SerializeToElement(info, ContractsJsonContext.Default.ErrorInfo)));

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "RPC method {Method} threw")]
    private static partial void LogMethodFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "an RPC call observer failed on {Method} (the call itself was answered)")]
    private static partial void LogObserverFailed(ILogger logger, string method, Exception exception);

    private sealed class ObserverRegistration(RpcMethodRegistry registry, IRpcCallObserver observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                registry.Swap(observers => [.. observers.Where(existing => !ReferenceEquals(existing, observer))]);
            }
        }
    }
}
