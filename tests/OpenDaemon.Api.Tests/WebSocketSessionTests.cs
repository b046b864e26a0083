using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Api.WebSockets;
using OpenDaemon.Api.WebSockets.Logs;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Events;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Api.Tests;

public sealed class WebSocketSessionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ClientThatDoesNotRead_IsClosedWith1008AndAReason_AndPushingNeverWaits()
    {
        // The client's side of the connection holds 16 KiB unread, then the session's sends wait.
        var (serverStream, clientStream) = PipeDuplexStream.CreatePair(pauseAt: 16 * 1024);
        using var server = WebSocket.CreateFromStream(serverStream, isServer: true, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        using var client = WebSocket.CreateFromStream(clientStream, isServer: false, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        await using var logs = new LogFanout(new RefusingRpc(), NullLogger.Instance);
        await using var session = new WebSocketSession(server, new RefusingRpc(), logs, new CallerIdentity(CallerIdentity.Api), TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        var running = session.RunAsync();

        int pushed = 2 * WebSocketSession.MaxQueuedBytes / 1000; // twice the queue, in messages of ~1 KB
        var notification = Event(new string('x', 1000));
        for (int i = 0; i < pushed; i++)
        {
            Assert.True(session.SendNotificationAsync(notification, CancellationToken.None).IsCompletedSuccessfully, "pushing an event waited on the client");
        }

        int received = 0;
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await client.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).AsTask().WaitAsync(Deadline);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            received += result.EndOfMessage ? 1 : 0;
        }

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Contains("slow consumer", client.CloseStatusDescription, StringComparison.Ordinal);
        Assert.InRange(received, WebSocketSession.MaxQueuedBytes / 2048, pushed - 1);
        await running.WaitAsync(Deadline);
    }

    [Fact]
    public async Task EventNotification_BecomesTheSpecsEventMessage()
    {
        var (serverStream, clientStream) = PipeDuplexStream.CreatePair(pauseAt: 1024 * 1024);
        using var server = WebSocket.CreateFromStream(serverStream, isServer: true, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        using var client = WebSocket.CreateFromStream(clientStream, isServer: false, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        await using var logs = new LogFanout(new RefusingRpc(), NullLogger.Instance);
        await using var session = new WebSocketSession(server, new RefusingRpc(), logs, new CallerIdentity(CallerIdentity.Api), TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        var running = session.RunAsync();

        await session.SendNotificationAsync(Event("hello"), CancellationToken.None);

        var buffer = new byte[4096];
        var result = await client.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).AsTask().WaitAsync(Deadline);
        using var message = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
        Assert.Equal("process:online", message.RootElement.GetProperty("event").GetString());
        Assert.Equal("hello", message.RootElement.GetProperty("data").GetProperty("name").GetString());
        Assert.Equal(DateTimeOffset.UnixEpoch, message.RootElement.GetProperty("timestamp").GetDateTimeOffset());
        Assert.False(message.RootElement.TryGetProperty("subscriptionId", out _));

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(Deadline);
        await running.WaitAsync(Deadline);
    }

    private static JsonRpcNotification Event(string name)
    {
        using var data = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = name }, TestJson.Default.DictionaryStringString));
        var payload = new EventNotification(1, "process:online", DateTimeOffset.UnixEpoch, data.RootElement.Clone());
        return new JsonRpcNotification(EventNotification.Method, JsonSerializer.SerializeToElement(payload, ContractsJsonContext.Default.EventNotification));
    }

    private sealed class RefusingRpc : IJsonRpcHandler
    {
        public ValueTask<JsonRpcResponse> HandleAsync(JsonRpcRequest request, IIpcPeer peer, CancellationToken cancellationToken) =>
            ValueTask.FromResult(JsonRpcResponse.Failure(request.Id, new JsonRpcError(JsonRpcError.MethodNotFound, "no rpc in this test")));
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TestJson : System.Text.Json.Serialization.JsonSerializerContext;
