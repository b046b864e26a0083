using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenDaemon.Api.Http;
using OpenDaemon.Api.WebSockets.Logs;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Ipc;

namespace OpenDaemon.Api.WebSockets;

/// <summary>
/// Accepts <c>/ws</c> connections (after authentication) and runs one <see cref="WebSocketSession"/> each; owns the
/// <see cref="LogFanout"/> they share.
/// </summary>
internal sealed class WebSocketSessions(IJsonRpcHandler rpc, ILogger logger, TimeProvider? time = null) : IAsyncDisposable
{
    private readonly LogFanout _logs = new(rpc, logger);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
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
            await using var session = new WebSocketSession(socket, rpc, _logs, caller, _time, logger, context.RequestAborted);
            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    /// <summary>Ends the shared log follow (after Kestrel has ended the sessions).</summary>
    public ValueTask DisposeAsync() => _logs.DisposeAsync();
}
