using System.Threading.Channels;
using OpenDaemon.Kernel.Resilience;

namespace OpenDaemon.Kernel.Events;

/// <summary>
/// One subscriber: a bounded queue and the loop that drains it into the handler.
/// </summary>
/// <remarks>
/// Overview: the publisher only ever calls <see cref="TryEnqueue"/> (a non-blocking TryWrite on a
/// channel in Wait mode, which fails instead of waiting when full). The loop is the single reader;
/// it calls the handler one event at a time, so a handler never runs concurrently with itself.
/// Disposing completes the queue and cancels the handler's token; the bus awaits the loop on
/// shutdown.
/// </remarks>
internal sealed class Subscription : IDisposable
{
    private readonly Channel<DaemonEvent> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<DaemonEvent, CancellationToken, ValueTask> _handler;
    private readonly EventBus _bus;
    private long _delivered;
    private long _dropped;
    private int _disposed;

    public Subscription(long id, string pattern, int capacity, Func<DaemonEvent, CancellationToken, ValueTask> handler, PluginErrorBoundary? owner, EventBus bus)
    {
        Id = id;
        Pattern = pattern;
        Capacity = capacity;
        Owner = owner;
        _handler = handler;
        _bus = bus;
        _queue = Channel.CreateBounded<DaemonEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        Completion = Task.Run(RunAsync);
    }

    public long Id { get; }

    public string Pattern { get; }

    public int Capacity { get; }

    public PluginErrorBoundary? Owner { get; }

    /// <summary>The drain loop; completes after <see cref="Dispose"/>.</summary>
    public Task Completion { get; }

    /// <summary>Queues an event without waiting; false (and counted) when the queue is full.</summary>
    public bool TryEnqueue(DaemonEvent daemonEvent, out long droppedSoFar)
    {
        if (_queue.Writer.TryWrite(daemonEvent))
        {
            droppedSoFar = Interlocked.Read(ref _dropped);
            return true;
        }

        droppedSoFar = Interlocked.Increment(ref _dropped);
        return false;
    }

    public SubscriberStats Snapshot() => new(
        Id,
        Pattern,
        Owner?.PluginName,
        Capacity,
        _queue.Reader.CanCount ? _queue.Reader.Count : 0,
        Interlocked.Read(ref _delivered),
        Interlocked.Read(ref _dropped));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _bus.Remove(this);
        _queue.Writer.TryComplete();
        _stopping.Cancel();
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var daemonEvent in _queue.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _delivered);
                if (Owner is null)
                {
                    await _bus.InvokeUnownedAsync(this, daemonEvent, _handler, token).ConfigureAwait(false);
                }
                else
                {
                    await Owner.TryInvokeAsync($"event handler '{Pattern}' ({daemonEvent.Topic})", ct => _handler(daemonEvent, ct), token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Unsubscribed: events still queued are discarded on purpose.
        }
    }
}
