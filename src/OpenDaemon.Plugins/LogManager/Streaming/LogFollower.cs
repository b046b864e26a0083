using System.Buffers.Binary;
using System.Text.Json;
using System.Threading.Channels;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Plugins.LogManager.Streaming;

/// <summary>
/// One <c>log.stream</c> subscriber: matching entries queue up and a pump sends them as binary frames
/// (4-byte big-endian stream id, then JSON lines). The queue is bounded: a follower that cannot keep up
/// misses entries — never the app, never the files — and is told how many it missed.
/// </summary>
internal sealed class LogFollower
{
    // Room for a burst (an app printing a stack of 100k lines at once) while the follower's terminal catches up;
    // only held while the follower lags.
    private const int QueueCapacity = 100_000;
    private const int MaxFrameBytes = 256 * 1024;

    private readonly Channel<LogEntry> _queue = Channel.CreateBounded<LogEntry>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true }); // Wait: TryWrite says false when full (DropWrite would say true)

    private readonly LiveEntryFilter _filter;
    private readonly TimeProvider _time;
    private long _missed;

    public LogFollower(int streamId, long connectionId, LiveEntryFilter filter, TimeProvider time)
    {
        _time = time;
        StreamId = streamId;
        ConnectionId = connectionId;
        _filter = filter;
    }

    public int StreamId { get; }

    public long ConnectionId { get; }

    public void Offer(LogEntry entry)
    {
        if (_filter.Matches(entry) && !_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _missed);
        }
    }

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Sends queued entries until <see cref="Complete"/> or until the connection fails.</summary>
    public async Task PumpAsync(IIpcPeer peer, CancellationToken cancellationToken)
    {
        using var frame = new MemoryStream();
        var id = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(id, StreamId);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                frame.SetLength(0);
                frame.Write(id);
                if (Interlocked.Exchange(ref _missed, 0) is var missed and > 0)
                {
                    Append(frame, MissedNotice(missed, _time.GetUtcNow()));
                }

                while (frame.Length < MaxFrameBytes && reader.TryRead(out var entry))
                {
                    Append(frame, entry);
                }

                await peer.SendBinaryAsync(frame.GetBuffer().AsMemory(0, (int)frame.Length), cancellationToken).ConfigureAwait(false);

                // A peer that takes frames without waiting (a WebSocket queue) would keep this loop on its thread
                // for as long as entries come; many followers would then starve log capture of the thread pool.
                await Task.Yield();
            }
        }
        catch (Exception error) when (error is ProtocolException or OperationCanceledException or IOException)
        {
            // The follower went away (Ctrl-C on `od logs -f`): nothing to report.
        }
    }

    private static void Append(MemoryStream frame, LogEntry entry)
    {
        JsonSerializer.Serialize(frame, entry, ContractsJsonContext.Default.LogEntry);
        frame.WriteByte((byte)'\n');
    }

    private static LogEntry MissedNotice(long missed, DateTimeOffset now) => new()
    {
        Timestamp = now,
        Level = "warn",
        ProcessName = "od",
        Source = "stderr",
        Message = $"{missed} log lines were not sent to this follower: it fell behind (they are in the log files)",
    };
}
