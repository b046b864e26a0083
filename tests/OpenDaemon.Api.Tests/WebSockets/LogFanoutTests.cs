using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Api.WebSockets;
using OpenDaemon.Api.WebSockets.Logs;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Api.Tests.WebSockets;

public sealed class LogFanoutTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Frame_ToHundredSubscribers_IsSerialisedOnceAndTheSameBytesGoToAll()
    {
        var rpc = new FakeLogRpc();
        await using var fanout = new LogFanout(rpc, NullLogger.Instance);
        var queues = Enumerable.Range(0, 100).Select(_ => new OutgoingQueue(TimeProvider.System)).ToList();
        foreach (var queue in queues)
        {
            await fanout.AddAsync(new LogSubscription(LogSubscription.EveryApp, LogSelection.Everything, queue), CancellationToken.None).WaitAsync(Deadline);
        }

        await fanout.SendBinaryAsync(Frame(rpc.StreamId, Line("web", 0, "one"), Line("web", 0, "two"), Line("web", 0, "three")), CancellationToken.None);

        var messages = queues.Select(q => Assert.Single(Drain(q))).ToList();
        Assert.All(messages, m => Assert.Same(messages[0], m));
        using var batch = JsonDocument.Parse(messages[0]);
        var events = batch.RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["log:web", "log:web", "log:web"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(["one", "two", "three"], events.Select(e => e.GetProperty("data").GetProperty("message").GetString()));
        Assert.Equal(1, rpc.Calls.Count(c => c == RpcMethods.LogStream)); // one follow for all of them
    }

    [Fact]
    public async Task Frame_GoesToMatchingTopicsOnly_InOrder_OneLineInTheSpecsShape()
    {
        var rpc = new FakeLogRpc();
        await using var fanout = new LogFanout(rpc, NullLogger.Instance);
        var everything = new OutgoingQueue(TimeProvider.System);
        var web = new OutgoingQueue(TimeProvider.System);
        var instance = new OutgoingQueue(TimeProvider.System);
        await fanout.AddAsync(new LogSubscription(LogSubscription.EveryApp, LogSelection.Everything, everything), CancellationToken.None).WaitAsync(Deadline);
        await fanout.AddAsync(new LogSubscription("log:web", new LogSelection(["web"], []), web), CancellationToken.None).WaitAsync(Deadline);
        await fanout.AddAsync(new LogSubscription("log:3", new LogSelection([], [("api", 1)]), instance), CancellationToken.None).WaitAsync(Deadline);

        await fanout.SendBinaryAsync(Frame(rpc.StreamId, Line("web", 0, "w1"), Line("api", 1, "a1"), Line("api", 0, "a0"), Line("web", 0, "w2")), CancellationToken.None);

        Assert.Equal([("log:web", "w1"), ("log:api", "a1"), ("log:api", "a0"), ("log:web", "w2")], Drain(everything).Select(Single));
        Assert.Equal([("log:web", "w1"), ("log:web", "w2")], Drain(web).Select(Single));
        Assert.Equal([("log:3", "a1")], Drain(instance).Select(Single)); // named by its topic, as log.stream did
    }

    [Fact]
    public async Task LastSubscriberLeaving_EndsTheFollow_AndLaterFramesAreIgnored()
    {
        var rpc = new FakeLogRpc();
        await using var fanout = new LogFanout(rpc, NullLogger.Instance);
        var queue = new OutgoingQueue(TimeProvider.System);
        var subscription = new LogSubscription(LogSubscription.EveryApp, LogSelection.Everything, queue);
        await fanout.AddAsync(subscription, CancellationToken.None).WaitAsync(Deadline);
        var streamId = rpc.StreamId;

        await fanout.RemoveAsync(subscription).WaitAsync(Deadline);
        await fanout.SendBinaryAsync(Frame(streamId, Line("web", 0, "late")), CancellationToken.None);

        Assert.Equal([RpcMethods.LogStream, RpcMethods.LogUnstream], rpc.Calls);
        Assert.Empty(Drain(queue));
        Assert.Equal(0, fanout.Count);
    }

    [Fact]
    public async Task FrameOfAnEndedStream_IsIgnored()
    {
        var rpc = new FakeLogRpc();
        await using var fanout = new LogFanout(rpc, NullLogger.Instance);
        var queue = new OutgoingQueue(TimeProvider.System);
        await fanout.AddAsync(new LogSubscription(LogSubscription.EveryApp, LogSelection.Everything, queue), CancellationToken.None).WaitAsync(Deadline);

        await fanout.SendBinaryAsync(Frame(rpc.StreamId + 1, Line("web", 0, "other stream")), CancellationToken.None);

        Assert.Empty(Drain(queue));
    }

    internal static ReadOnlyMemory<byte> Frame(int streamId, params string[] lines)
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
        var frame = new byte[4 + text.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, streamId);
        text.CopyTo(frame, 4);
        return frame;
    }

    // A log entry as the log manager serialises it (LogEntry, camelCase, instanceId after processName).
    internal static string Line(string app, int instance, string message) =>
        $$$"""{"timestamp":"2026-12-06T21:00:00.000Z","level":"info","pid":42,"processName":"{{{app}}}","instanceId":{{{instance}}},"message":"{{{message}}}","source":"stdout","metadata":{"processName":"not this one"}}""";

    private static List<byte[]> Drain(OutgoingQueue queue)
    {
        List<byte[]> messages = [];
        while (queue.Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    private static (string?, string?) Single(byte[] message)
    {
        using var document = JsonDocument.Parse(message);
        var root = document.RootElement;
        Assert.False(root.TryGetProperty("events", out _), "a single line is the spec's event, not a batch");
        return (root.GetProperty("event").GetString(), root.GetProperty("data").GetProperty("message").GetString());
    }
}
