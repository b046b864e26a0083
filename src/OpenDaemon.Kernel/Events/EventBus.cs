using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenDaemon.Kernel.Resilience;

namespace OpenDaemon.Kernel.Events;

/// <summary>
/// The kernel's event bus. See <see cref="IEventBus"/> for the delivery and full-queue policy.
/// </summary>
/// <remarks>
/// Overview: the subscriber list is an immutable array replaced under a lock by (un)subscribe and
/// read without a lock by <c>Publish</c>, so publishing is a loop of TryWrite calls and
/// nothing else. Each <see cref="Subscription"/> owns its queue and drain loop.
/// </remarks>
public sealed partial class EventBus : IEventBus, IAsyncDisposable
{
    /// <summary>A subscriber's drops are logged on the first drop and then once per this many.</summary>
    public const int DropLogInterval = 1000;

    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(5);

    private readonly Lock _writeLock = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private volatile Subscription[] _subscribers = [];
    private long _nextId;
    private long _published;
    private long _dropped;

    /// <summary>Creates an empty bus.</summary>
    public EventBus(ILogger logger, TimeProvider timeProvider)
    {
        _logger = logger;
        _time = timeProvider;
    }

    /// <inheritdoc />
    public EventBusStats Stats => new(
        Interlocked.Read(ref _published),
        Interlocked.Read(ref _dropped),
        [.. _subscribers.Select(s => s.Snapshot())]);

    /// <inheritdoc />
    public void Publish(string topic, JsonElement payload) => Publish(topic, payload, source: null);

    /// <inheritdoc />
    public IDisposable Subscribe(string pattern, Func<DaemonEvent, CancellationToken, ValueTask> handler, int capacity = 1024) =>
        Subscribe(pattern, handler, capacity, owner: null);

    /// <inheritdoc />
    public bool HasSubscribers(string topic)
    {
        foreach (var subscription in _subscribers)
        {
            if (TopicPattern.Matches(subscription.Pattern, topic))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Cancels every subscription and waits (bounded) for their loops.</summary>
    public async ValueTask DisposeAsync()
    {
        Subscription[] all;
        lock (_writeLock)
        {
            all = _subscribers;
        }

        foreach (var subscription in all)
        {
            subscription.Dispose();
        }

        try
        {
            // A handler that ignores its token would hold shutdown forever; wall-clock bound on purpose.
            await Task.WhenAll(all.Select(s => s.Completion)).WaitAsync(ShutdownWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogShutdownTimedOut(_logger, all.Count(s => !s.Completion.IsCompleted));
        }
    }

    internal void Publish(string topic, JsonElement payload, string? source)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        Interlocked.Increment(ref _published);
        var daemonEvent = new DaemonEvent(topic, payload.Clone(), _time.GetUtcNow(), source);
        foreach (var subscription in _subscribers)
        {
            if (!TopicPattern.Matches(subscription.Pattern, topic) || subscription.TryEnqueue(daemonEvent, out long dropped))
            {
                continue;
            }

            Interlocked.Increment(ref _dropped);
            if (dropped % DropLogInterval == 1 || DropLogInterval == 1)
            {
                LogDropped(_logger, topic, subscription.Pattern, subscription.Owner?.PluginName ?? "kernel", subscription.Capacity, dropped);
            }
        }
    }

    internal Subscription Subscribe(string pattern, Func<DaemonEvent, CancellationToken, ValueTask> handler, int capacity, PluginErrorBoundary? owner)
    {
        TopicPattern.Validate(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new Subscription(Interlocked.Increment(ref _nextId), pattern, capacity, handler, owner, this);
        lock (_writeLock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    internal void Remove(Subscription subscription)
    {
        lock (_writeLock)
        {
            _subscribers = [.. _subscribers.Where(s => s != subscription)];
        }
    }

    internal async ValueTask InvokeUnownedAsync(Subscription subscription, DaemonEvent daemonEvent, Func<DaemonEvent, CancellationToken, ValueTask> handler, CancellationToken cancellationToken)
    {
        try
        {
            await handler(daemonEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A kernel subscriber's failure must not end its loop.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            LogHandlerFailed(_logger, subscription.Pattern, daemonEvent.Topic, failure);
        }
    }
}
