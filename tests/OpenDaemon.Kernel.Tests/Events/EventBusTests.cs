using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Kernel.Tests.Support;

namespace OpenDaemon.Kernel.Tests.Events;

public sealed class EventBusTests : IAsyncLifetime
{
    private static readonly JsonElement Payload = JsonSerializer.SerializeToElement(42, TestJsonContext.Default.Int32);
    private readonly EventBus _bus = new(NullLogger.Instance, new FakeTimeProvider());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bus.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Short);

    [Fact]
    public async Task Publish_ExactPrefixAndWildcardPatterns_EachGetsOnlyMatchingTopics()
    {
        var exact = Collect("process:started", 1);
        var prefix = Collect("process:*", 2);
        var all = Collect("*", 3);
        var logs = Collect("log:*", 1);

        _bus.Publish("process:started", Payload);
        _bus.Publish("process:stopped", Payload);
        _bus.Publish("log:line", Payload);

        Assert.Equal(["process:started"], await exact.Done.WaitAsync(TestTimeouts.Short));
        Assert.Equal(["process:started", "process:stopped"], await prefix.Done.WaitAsync(TestTimeouts.Short));
        Assert.Equal(["process:started", "process:stopped", "log:line"], await all.Done.WaitAsync(TestTimeouts.Short));
        Assert.Equal(["log:line"], await logs.Done.WaitAsync(TestTimeouts.Short));

        // Accepted = queued + delivered: nothing else reached a subscriber.
        var stats = _bus.Stats;
        Assert.Equal(3, stats.Published);
        Assert.Equal([1L, 2L, 3L, 1L], stats.Subscribers.Select(s => s.Delivered + s.Queued));
        Assert.Equal(0, stats.Dropped);
    }

    [Fact]
    public async Task Publish_SubscriberBlocked_PublisherAndOtherSubscriberUnaffectedAndDropsCounted()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var blocked = _bus.Subscribe("process:*", async (_, _) =>
        {
            entered.TrySetResult();
            await never.Task;
        }, capacity: 4);
        var fast = Collect("process:*", 20);

        _bus.Publish("process:started", Payload);
        await entered.Task.WaitAsync(TestTimeouts.Short);
        await Task.Run(() =>
        {
            for (int i = 0; i < 19; i++)
            {
                _bus.Publish("process:log", Payload);
            }
        }).WaitAsync(TestTimeouts.Short);

        Assert.Equal(20, (await fast.Done.WaitAsync(TestTimeouts.Short)).Count);
        var stats = _bus.Stats;
        var slow = stats.Subscribers.Single(s => s.Capacity == 4);
        Assert.Equal((4, 15L), (slow.Queued, slow.Dropped));
        Assert.Equal(15, stats.Dropped);
        Assert.Equal(0, stats.Subscribers.Single(s => s.Capacity != 4).Dropped);
        never.SetResult();
    }

    [Fact]
    public async Task Subscribe_Disposed_StopsDeliveryAndLeavesStats()
    {
        var first = Collect("a", 1);
        var subscription = _bus.Subscribe("a", (_, _) => ValueTask.CompletedTask);

        subscription.Dispose();
        _bus.Publish("a", Payload);

        await first.Done.WaitAsync(TestTimeouts.Short);
        Assert.Single(_bus.Stats.Subscribers);
    }

    [Fact]
    public void Subscribe_StarInTheMiddle_Refused() =>
        Assert.Throws<ArgumentException>(() => _bus.Subscribe("process:*:x", (_, _) => ValueTask.CompletedTask));

    private Collector Collect(string pattern, int expected)
    {
        var collector = new Collector(expected);
        _bus.Subscribe(pattern, collector.HandleAsync);
        return collector;
    }

    private sealed class Collector(int expected)
    {
        private readonly ConcurrentQueue<string> _topics = new();
        private readonly TaskCompletionSource<List<string>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<List<string>> Done => _done.Task;

        public ValueTask HandleAsync(DaemonEvent daemonEvent, CancellationToken cancellationToken)
        {
            _topics.Enqueue(daemonEvent.Topic);
            if (_topics.Count == expected)
            {
                _done.TrySetResult([.. _topics]);
            }

            return ValueTask.CompletedTask;
        }
    }
}
