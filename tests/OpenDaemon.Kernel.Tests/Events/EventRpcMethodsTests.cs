using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Events;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Kernel.Tests.Support;

namespace OpenDaemon.Kernel.Tests.Events;

public sealed class EventRpcMethodsTests : IAsyncLifetime
{
    private static readonly JsonElement Payload = JsonSerializer.SerializeToElement(42, TestJsonContext.Default.Int32);
    private readonly EventBus _bus = new(NullLogger.Instance, new FakeTimeProvider());
    private readonly RpcMethodRegistry _registry = new(NullLogger.Instance);
    private readonly RecordingPeer _peer = new(1);

    public EventRpcMethodsTests() => EventRpcMethods.Register(_registry, _bus);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _peer.Close();
        await _bus.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Short);
    }

    [Fact]
    public async Task Subscribe_OverlappingPatterns_EachMatchingEventArrivesOnceInOrder()
    {
        var subscription = await SubscribeAsync(_peer, """{"topics":["process:*","process:online","health:*"]}""");

        Assert.Equal(["process:*", "health:*"], subscription.Topics);
        _bus.Publish("process:online", Payload);
        _bus.Publish("app:added", Payload);
        _bus.Publish("process:stopped", Payload);

        await Poll.UntilAsync(() => _peer.Events.Count >= 2, "two events");
        Assert.Equal(["process:online", "process:stopped"], _peer.Events.Select(e => e.Event));
        Assert.All(_peer.Events, e => Assert.Equal(subscription.SubscriptionId, e.SubscriptionId));
        Assert.Equal(42, _peer.Events.First().Data.GetInt32());
    }

    [Fact]
    public async Task Unsubscribe_StopsTheEvents_AndAnUnknownIdSaysFalse()
    {
        var subscription = await SubscribeAsync(_peer, """{"topics":["*"]}""");

        var first = await CallAsync(_peer, "event.unsubscribe", $$"""{"subscriptionId":{{subscription.SubscriptionId}}}""");
        var second = await CallAsync(_peer, "event.unsubscribe", $$"""{"subscriptionId":{{subscription.SubscriptionId}}}""");

        Assert.True(first.Result!.Value.GetProperty("unsubscribed").GetBoolean());
        Assert.False(second.Result!.Value.GetProperty("unsubscribed").GetBoolean());
        Assert.False(_bus.HasSubscribers("process:online"));
    }

    [Fact]
    public async Task Subscribe_PeerThatDoesNotRead_IsClosedWithAReasonAndTheBusKeepsGoing()
    {
        var stuck = new RecordingPeer(2) { Blocked = true };
        await SubscribeAsync(stuck, """{"topics":["process:*"]}""");
        await SubscribeAsync(_peer, """{"topics":["process:*"]}""");

        // In batches the bus hands on before the next, so only our subscription's queue can fill.
        int published = 0;
        while (_bus.Stats.Subscribers.Count == 2)
        {
            Assert.True(published < 3 * PeerEventSubscription.QueueCapacity, $"still subscribed after {published} events");
            for (int i = 0; i < 100; i++, published++)
            {
                _bus.Publish("process:online", Payload);
            }

            await Poll.UntilAsync(() => _bus.Stats.Subscribers.All(s => s.Queued == 0), "the bus hands the batch on");
        }

        stuck.Unblock();
        await Poll.UntilAsync(() => stuck.Events.Any(e => e.Event == EventNotification.ClosedTopic), "the stuck subscriber is told why");
        var closed = stuck.Events.Last();
        Assert.Contains("fell 1024 events behind", closed.Data.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await Poll.UntilAsync(() => _peer.Events.Count == published, () => $"the healthy subscriber got {_peer.Events.Count} of {published} events");
        Assert.Equal(0, _bus.Stats.Dropped);
    }

    [Fact]
    public async Task Subscribe_ConnectionCloses_SubscriptionEnds()
    {
        var peer = new RecordingPeer(3);
        await SubscribeAsync(peer, """{"topics":["process:*"]}""");
        Assert.True(_bus.HasSubscribers("process:online"));

        peer.Close();

        await Poll.UntilAsync(() => !_bus.HasSubscribers("process:online"), "the subscription leaves the bus");
    }

    [Theory]
    [InlineData("""{"topics":[]}""", "at least one")]
    [InlineData("""{"topics":["log:api"]}""", "log.stream")]
    [InlineData("""{"topics":["pro*cess"]}""", "only at the end")]
    [InlineData("""{"topics":"process:*"}""", "topics")]
    public async Task Subscribe_BadTopics_IsInvalidParams(string parameters, string expected)
    {
        var response = await CallAsync(_peer, "event.subscribe", parameters);

        var info = response.Error!.Data!.Value.Deserialize(ContractsJsonContext.Default.ErrorInfo)!;
        Assert.Equal(ErrorCode.InvalidParams, info.Code);
        Assert.Contains(expected, info.Message + info.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "a:b", "a:b" }, new[] { "a:b" })]
    [InlineData(new[] { "a:b", "a:*" }, new[] { "a:*" })]
    [InlineData(new[] { "a:*", "a:b*", "c:d" }, new[] { "a:*", "c:d" })]
    [InlineData(new[] { "a:*", "*" }, new[] { "*" })]
    [InlineData(new[] { "a:b*", "a:c" }, new[] { "a:b*", "a:c" })]
    public void Disjoint_DropsDuplicatesAndCoveredPatterns(string[] patterns, string[] expected) =>
        Assert.Equal(expected, TopicPattern.Disjoint(patterns));

    private async Task<EventSubscription> SubscribeAsync(RecordingPeer peer, string parameters)
    {
        var response = await CallAsync(peer, "event.subscribe", parameters);
        Assert.Null(response.Error);
        return response.Result!.Value.Deserialize(ContractsJsonContext.Default.EventSubscription)!;
    }

    private async Task<JsonRpcResponse> CallAsync(RecordingPeer peer, string method, string parameters)
    {
        using var document = JsonDocument.Parse(parameters);
        var request = new JsonRpcRequest(JsonSerializer.SerializeToElement(1), method, document.RootElement.Clone());
        return await _registry.HandleAsync(request, peer, CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Short);
    }

    /// <summary>A connection that records the events pushed to it; while <see cref="Blocked"/>, sends wait (a client that does not read).</summary>
    private sealed class RecordingPeer(long connectionId) : IIpcPeer
    {
        private readonly CancellationTokenSource _closed = new();
        private readonly TaskCompletionSource _unblocked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<EventNotification> _events = new();

        public bool Blocked { get; init; }

        public IReadOnlyCollection<EventNotification> Events => _events;

        public long ConnectionId => connectionId;

        public CallerIdentity Caller => CallerIdentity.Unknown;

        public CancellationToken Closed => _closed.Token;

        public void Unblock() => _unblocked.TrySetResult();

        public void Close() => _closed.Cancel();

        public async ValueTask SendNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken)
        {
            if (Blocked)
            {
                await _unblocked.Task.WaitAsync(cancellationToken);
            }

            Assert.Equal(EventNotification.Method, notification.Method);
            _events.Enqueue(notification.Params!.Value.Deserialize(ContractsJsonContext.Default.EventNotification)!);
        }

        public ValueTask SendBinaryAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
