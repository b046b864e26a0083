using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Api.WebSockets;
using OpenDaemon.Api.WebSockets.Logs;
using OpenDaemon.Hosting.Ipc;

namespace OpenDaemon.Api.Tests.WebSockets;

/// <summary>A <c>/ws</c> client following <c>log:*</c> through the shared fan-out, over an in-memory connection.</summary>
public sealed class WebSocketSessionLogTests : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private const int LinesPerFrame = 100;

    private readonly FakeLogRpc _rpc = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly LogFanout _fanout;
    private readonly WebSocket _server;
    private readonly WebSocket _client;
    private readonly WebSocketSession _session;
    private readonly Task _running;

    public WebSocketSessionLogTests()
    {
        // The client's side holds 16 KiB unread, then the session's sends wait until the test reads.
        var (serverStream, clientStream) = PipeDuplexStream.CreatePair(pauseAt: 16 * 1024);
        _server = WebSocket.CreateFromStream(serverStream, isServer: true, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        _client = WebSocket.CreateFromStream(clientStream, isServer: false, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        _fanout = new LogFanout(_rpc, NullLogger.Instance);
        _session = new WebSocketSession(_server, _rpc, _fanout, new CallerIdentity(CallerIdentity.Api), _time, NullLogger.Instance, CancellationToken.None);
        _running = _session.RunAsync();
    }

    [Fact]
    public async Task ClientFallingBehind_SkipsLines_AndIsToldHowManyOnceItCatchesUp()
    {
        await SubscribeAsync("log:*");

        int offered = 0;
        for (int frame = 0; frame < 200; frame++) // ~5 MB while the client reads nothing: far past the queue's bound
        {
            offered += await PushFrameAsync(frame);
        }

        long received = 0, skipped = 0;
        while (received + skipped < offered)
        {
            using var message = await ReceiveAsync();
            var root = message.RootElement;
            if (root.TryGetProperty("events", out var events))
            {
                received += events.GetArrayLength();
            }
            else if (root.GetProperty("event").GetString() == WebSocketMessages.LogsSkippedEvent)
            {
                Assert.Equal("web", root.GetProperty("data").GetProperty("app").GetString());
                skipped += root.GetProperty("data").GetProperty("lines").GetInt64();
            }
            else
            {
                received++;
            }
        }

        Assert.Equal(offered, received + skipped);
        Assert.InRange(skipped, 1, offered - 1);
        Assert.Equal(WebSocketState.Open, _client.State);
    }

    [Fact]
    public async Task ClientStayingBehind_IsClosedWith1008AndAReason()
    {
        await SubscribeAsync("log:*");
        for (int frame = 0; frame < 100; frame++)
        {
            await PushFrameAsync(frame);
        }

        _time.Advance(OutgoingQueue.DefaultMaxSkipping);
        await PushFrameAsync(100);

        var buffer = new byte[64 * 1024];
        while ((await _client.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).AsTask().WaitAsync(Deadline)).MessageType != WebSocketMessageType.Close)
        {
        }

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, _client.CloseStatus);
        Assert.Contains("skipped log lines", _client.CloseStatusDescription, StringComparison.Ordinal);
        await _running.WaitAsync(Deadline);
        Assert.Equal(0, _fanout.Count); // the session's subscription ended with it
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        await _running.WaitAsync(Deadline);
        await _fanout.DisposeAsync();
        _client.Dispose();
        _server.Dispose();
    }

    private async Task SubscribeAsync(string topic)
    {
        await _client.SendAsync(Encoding.UTF8.GetBytes($$"""{"subscribe":["{{topic}}"]}"""), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Deadline);
        using var ack = await ReceiveAsync();
        Assert.Equal(topic, ack.RootElement.GetProperty("subscribed")[0].GetString());
    }

    private async Task<int> PushFrameAsync(int frame)
    {
        var lines = Enumerable.Range(0, LinesPerFrame).Select(i => LogFanoutTests.Line("web", 0, $"frame {frame} line {i} {new string('x', 100)}")).ToArray();
        var pushed = _fanout.SendBinaryAsync(LogFanoutTests.Frame(_rpc.StreamId, lines), CancellationToken.None);
        Assert.True(pushed.IsCompletedSuccessfully, "the fan-out waited on a client");
        await pushed;
        return LinesPerFrame;
    }

    private async Task<JsonDocument> ReceiveAsync()
    {
        var buffer = new byte[1 << 20];
        int length = 0;
        ValueWebSocketReceiveResult received;
        do
        {
            received = await _client.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).AsTask().WaitAsync(Deadline);
            length += received.Count;
        }
        while (!received.EndOfMessage);

        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        return JsonDocument.Parse(buffer.AsMemory(0, length));
    }
}
