using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Api.Http;

namespace OpenDaemon.Api.WebSockets;

/// <summary>Accepts <c>/ws</c> connections (after authentication) and runs one <see cref="WebSocketSession"/> each.</summary>
internal sealed class WebSocketSessions(IJsonRpcHandler rpc, ILogger logger)
{
    private long _open;

    /// <summary>Sessions open now (for tests and the status).</summary>
    public long Open => Interlocked.Read(ref _open);

    public async Task AcceptAsync(HttpContext context, CallerIdentity caller)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ApiResponses.ErrorAsync(context, ErrorCode.InvalidParams, "/ws speaks WebSocket only", "connect with a WebSocket client: ws://host:port/ws").ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        Interlocked.Increment(ref _open);
        try
        {
            await using var session = new WebSocketSession(socket, rpc, caller, logger, context.RequestAborted);
            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
