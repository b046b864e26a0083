using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Api.WebSockets;

namespace OpenDaemon.Api.Tests.WebSockets;

public sealed class OutgoingQueueTests
{
    private static readonly FakeTimeProvider Time = new(DateTimeOffset.UnixEpoch);

    [Fact]
    public void OfferLog_PastTheBound_SkipsLines_ThenOneNoticePerAppCountsThem()
    {
        var queue = new OutgoingQueue(Time, maxBytes: 10_000, maxLogBytes: 1_000);
        var first = Message(400);
        var second = Message(400);

        queue.OfferLog(first, "web", lines: 10);
        queue.OfferLog(second, "web", lines: 10);
        queue.OfferLog(Message(400), "web", lines: 7); // 1,200 bytes > 1,000: skipped
        queue.OfferLog(Message(100), "api", lines: 3);
        queue.OfferLog(Message(400), "web", lines: 5);

        Assert.Same(first, Read(queue));
        queue.Sent(first.Length); // 400 queued: at most half the log bound, the gap ends
        var after = Message(100);
        queue.OfferLog(after, "web", lines: 4);

        Assert.Same(second, Read(queue));
        var notices = new[] { Read(queue), Read(queue) }.Select(Parse).OrderBy(n => n.App, StringComparer.Ordinal).ToList();
        Assert.Equal([("api", 3L), ("web", 12L)], notices.Select(n => (n.App, n.Lines)));
        Assert.All(notices, n => Assert.Equal(WebSocketMessages.LogsSkippedEvent, n.Event));
        Assert.Same(after, Read(queue));
        Assert.Null(queue.CloseReason);
    }

    [Fact]
    public void OfferLog_StillBehindAfterTheSkippingLimit_ClosesWithAReason()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var queue = new OutgoingQueue(time, maxBytes: 10_000, maxLogBytes: 1_000, maxSkipping: TimeSpan.FromSeconds(10));
        queue.OfferLog(Message(900), "web", 1);
        queue.OfferLog(Message(900), "web", 1); // skipping from now on

        time.Advance(TimeSpan.FromSeconds(9));
        queue.OfferLog(Message(900), "web", 1);
        Assert.Null(queue.CloseReason);

        time.Advance(TimeSpan.FromSeconds(1));
        queue.OfferLog(Message(900), "web", 1);

        Assert.StartsWith("slow consumer: skipped log lines for 10 s", queue.CloseReason, StringComparison.Ordinal);
        Assert.True(queue.Reader.TryRead(out _)); // what was queued still goes out, then the reader ends
        Assert.False(queue.Reader.TryRead(out _));
        Assert.True(queue.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void OfferLog_CatchingUpInTime_IsNotClosed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var queue = new OutgoingQueue(time, maxBytes: 10_000, maxLogBytes: 1_000, maxSkipping: TimeSpan.FromSeconds(10));
        var queued = Message(900);
        queue.OfferLog(queued, "web", 1);
        queue.OfferLog(Message(900), "web", 1);
        time.Advance(TimeSpan.FromSeconds(9));
        queue.Sent(Read(queue).Length); // caught up: the notice goes out

        time.Advance(TimeSpan.FromSeconds(5));
        queue.OfferLog(Message(900), "web", 1);

        Assert.Null(queue.CloseReason);
        Assert.Equal(WebSocketMessages.LogsSkippedEvent, Parse(Read(queue)).Event);
    }

    [Fact]
    public void Enqueue_PastTheHardBound_ClosesAndDropsNothingQueuedBefore()
    {
        var queue = new OutgoingQueue(Time, maxBytes: 1_000, maxLogBytes: 500);
        queue.Enqueue(Message(600));
        queue.Enqueue(Message(600));

        Assert.StartsWith("slow consumer: fell", queue.CloseReason, StringComparison.Ordinal);
        Assert.Equal(600, Read(queue).Length);
        Assert.False(queue.Reader.TryRead(out _));
    }

    private static byte[] Message(int length) => Encoding.UTF8.GetBytes(new string('x', length));

    private static byte[] Read(OutgoingQueue queue)
    {
        Assert.True(queue.Reader.TryRead(out var message), "nothing queued");
        return message;
    }

    private static (string? Event, string? App, long Lines) Parse(byte[] message)
    {
        using var document = JsonDocument.Parse(message);
        var root = document.RootElement;
        var data = root.GetProperty("data");
        return (root.GetProperty("event").GetString(), data.GetProperty("app").GetString(), data.GetProperty("lines").GetInt64());
    }
}
