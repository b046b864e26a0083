using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OpenDaemon.EndToEnd.Tests.Api;

/// <summary>The WebSocket of spec §8.2 with a real client: subscriptions, events, logs, bad messages.</summary>
public sealed class ApiWebSocketTests(ApiDaemon api) : IClassFixture<ApiDaemon>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Subscribe_ProcessEventsAndLogs_ArriveAsSpecEvents()
    {
        using var socket = await ConnectAsync();
        using var stop = new CancellationTokenSource(Deadline);

        await SendAsync(socket, """{"subscribe": ["process:*", "log:talker"]}""");
        var ack = await ReceiveUntilAsync(socket, m => m.TryGetProperty("subscribed", out _), stop.Token);
        Assert.Equal(["log:talker", "process:*"], ack.GetProperty("subscribed").EnumerateArray().Select(t => t.GetString()).Order());

        var line = await ReceiveUntilAsync(socket, m => m.TryGetProperty("event", out var e) && e.GetString() == "log:talker", stop.Token);
        Assert.StartsWith("line ", line.GetProperty("data").GetProperty("message").GetString(), StringComparison.Ordinal);

        var (restart, _) = await api.SendAsync(api.Request(HttpMethod.Put, "/api/v1/processes/sleeper/restart"));
        Assert.Equal(System.Net.HttpStatusCode.OK, restart.StatusCode);
        var online = await ReceiveUntilAsync(socket, m => m.TryGetProperty("event", out var e) && e.GetString() == "process:online"
            && m.GetProperty("data").GetProperty("name").GetString() == "sleeper", stop.Token);
        Assert.True(online.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task GarbageMessages_GetAnErrorAndTheConnectionLives()
    {
        using var socket = await ConnectAsync();
        using var stop = new CancellationTokenSource(Deadline);

        await SendAsync(socket, "this is not json");
        var notJson = await ReceiveUntilAsync(socket, m => m.TryGetProperty("error", out _), stop.Token);
        await SendAsync(socket, """{"subscribe": "process:*"}""");
        var notAList = await ReceiveUntilAsync(socket, m => m.TryGetProperty("error", out _), stop.Token);
        await SendAsync(socket, """{"subscribe": ["pro*cess"]}""");
        var badPattern = await ReceiveUntilAsync(socket, m => m.TryGetProperty("error", out _), stop.Token);
        await SendAsync(socket, """{"subscribe": ["metric:snapshot"]}""");
        var ack = await ReceiveUntilAsync(socket, m => m.TryGetProperty("subscribed", out _), stop.Token);
        var snapshot = await ReceiveUntilAsync(socket, m => m.TryGetProperty("event", out var e) && e.GetString() == "metric:snapshot", stop.Token);

        Assert.Equal("INVALID_PARAMS", notJson.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("INVALID_PARAMS", notAList.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("only at the end", badPattern.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["metric:snapshot"], ack.GetProperty("subscribed").EnumerateArray().Select(t => t.GetString()));
        Assert.True(snapshot.GetProperty("data").GetProperty("processes").GetArrayLength() >= 2);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + api.Token);
        await socket.ConnectAsync(new Uri($"ws://{api.BaseUri.Authority}/ws"), CancellationToken.None).WaitAsync(Deadline);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).WaitAsync(Deadline);

    /// <summary>Reads messages until one matches (others are skipped); fails at the deadline.</summary>
    private static async Task<JsonElement> ReceiveUntilAsync(ClientWebSocket socket, Func<JsonElement, bool> match, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        while (true)
        {
            int length = 0;
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                length += received.Count;
            }
            while (!received.EndOfMessage);

            Assert.True(received.MessageType == WebSocketMessageType.Text, $"the server closed or sent {received.MessageType}: {socket.CloseStatus} {socket.CloseStatusDescription}");
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            if (match(document.RootElement))
            {
                return document.RootElement.Clone();
            }
        }
    }
}
