using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Ipc;

/// <summary>Running requests and sending their responses.</summary>
internal sealed partial class IpcConnection
{
    private async ValueTask DispatchAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        await _requestSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _pending);

        // Started inline, not through Task.Run: most answers (process.list, status) are ready without
        // waiting, and the hop to another pool thread was a wake-up per call in the round trip's tail.
        // A handler that awaits returns this loop to reading at its first await, so a slow request
        // still never holds up the next one; handlers must not block a thread (IJsonRpcHandler).
        // Not fire-and-forget: HandleAsync never throws, and CloseAsync waits for it through _pending.
        _ = HandleAsync(request);
    }

    private async Task HandleAsync(JsonRpcRequest request)
    {
        var cancellationToken = _closing.Token;
        try
        {
            JsonRpcResponse response;
            try
            {
                response = await _handler.HandleAsync(request, this, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("the handler returned no response");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                IpcLog.ResponseDropped(_logger, request.Method, ConnectionId, "the connection closed");
                return;
            }
            catch (Exception error)
            {
                // Exception messages may carry paths or secrets: log them, answer with a plain sentence.
                IpcLog.HandlerFailed(_logger, request.Method, ConnectionId, error);
                response = JsonRpcResponse.Failure(
                    request.Id,
                    new JsonRpcError(JsonRpcError.InternalError, $"internal error while handling '{request.Method}'"));
            }

            if (request.Id is null)
            {
                return;
            }

            // The id is taken from the request, not the handler, so a handler can never misroute an answer.
            // Not cancelled by the connection closing: an answer that is ready still goes out (see CloseAsync).
            await SendResponseAsync(response with { Id = request.Id }, request.Method, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ProtocolException error)
        {
            IpcLog.ResponseDropped(_logger, request.Method, ConnectionId, error.Details);
        }
        catch (OperationCanceledException)
        {
            IpcLog.ResponseDropped(_logger, request.Method, ConnectionId, "the connection closed");
        }
        finally
        {
            _requestSlots.Release();
            ReleasePending();
        }
    }

    private async ValueTask SendResponseAsync(JsonRpcResponse response, string method, CancellationToken cancellationToken)
    {
        using var buffer = new PooledBufferWriter();
        try
        {
            JsonRpcWriter.WriteResponse(buffer, response);
        }
        catch (Exception error) when (error is InvalidOperationException or ObjectDisposedException or ArgumentException
            or System.Text.Json.JsonException or NotSupportedException)
        {
            // For example a result element whose JsonDocument the handler already disposed, or a typed result
            // its contract cannot write (results are serialised here, not in the handler).
            IpcLog.HandlerFailed(_logger, method, ConnectionId, error);
            buffer.Clear();
            JsonRpcWriter.WriteResponse(buffer, JsonRpcResponse.Failure(
                response.Id,
                new JsonRpcError(JsonRpcError.InternalError, $"internal error while handling '{method}'")));
        }

        if (buffer.WrittenCount > _options.MaxFrameSize)
        {
            IpcLog.ResponseTooLarge(_logger, method, ConnectionId, buffer.WrittenCount, _options.MaxFrameSize);
            buffer.Clear();
            JsonRpcWriter.WriteResponse(buffer, JsonRpcResponse.Failure(
                response.Id,
                new JsonRpcError(JsonRpcError.InternalError, $"the response to '{method}' exceeds the {_options.MaxFrameSize}-byte frame limit")));
        }

        await _output.WriteAsync(FrameType.Response, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }
}
