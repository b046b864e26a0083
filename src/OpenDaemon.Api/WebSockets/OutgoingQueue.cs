using System.Threading.Channels;

namespace OpenDaemon.Api.WebSockets;

/// <summary>
/// The messages waiting to go out to one WebSocket client, bounded by bytes.
/// </summary>
/// <remarks>
/// Overview: many writers, one reader. The daemon's event bus and RPC answers call <see cref="Enqueue"/>
/// (messages that must arrive: events, acknowledgements, errors); the log fan-out calls <see cref="OfferLog"/>
/// with messages it shares between all clients (the same array goes into many queues, so nothing here
/// changes a message). The session's writer loop reads <see cref="Reader"/> and calls <see cref="Sent"/> after
/// each send. Nobody ever waits: a full queue skips or closes instead.
/// <para>Two bounds. Log messages stop being queued at <c>maxLogBytes</c>: the client then <em>skips</em> lines,
/// counted per app, until the writer has brought the queue down to half that bound; then one
/// <c>logs:skipped</c> notice per app goes out (in order: after the lines sent before the gap, before the lines
/// after it) and log lines flow again. A client that stays above that mark for <c>maxSkipping</c> while lines
/// keep coming is hopelessly behind and is closed. Everything together stops at <c>maxBytes</c>: a message
/// that must arrive and does not fit closes the client (there is no honest way to skip an event).</para>
/// <para>All state (byte count, skip counts, close reason) is behind <c>_gate</c>, taken once per message by the
/// writer, once per shared log message and client by the fan-out: never per line. Closing completes the channel,
/// so the writer sends what is queued and then closes the socket with <see cref="CloseReason"/>.</para>
/// </remarks>
internal sealed class OutgoingQueue
{
    /// <summary>Bytes of queued messages of any kind past which a client is dropped.</summary>
    public const int DefaultMaxBytes = 2 * 1024 * 1024;

    /// <summary>Bytes of queued messages past which log lines are skipped (and counted) instead of queued.</summary>
    public const int DefaultMaxLogBytes = 1024 * 1024;

    /// <summary>How long a client may skip log lines without catching up before it is dropped.</summary>
    public static readonly TimeSpan DefaultMaxSkipping = TimeSpan.FromSeconds(10);

    private readonly Channel<byte[]> _messages = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _skipped = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _maxBytes;
    private readonly long _maxLogBytes;
    private readonly TimeSpan _maxSkipping;
    private long _queuedBytes;
    private DateTimeOffset? _skippingSince;
    private string? _closeReason;

    public OutgoingQueue(TimeProvider time, long maxBytes = DefaultMaxBytes, long maxLogBytes = DefaultMaxLogBytes, TimeSpan? maxSkipping = null)
    {
        _time = time;
        _maxBytes = maxBytes;
        _maxLogBytes = maxLogBytes;
        _maxSkipping = maxSkipping ?? DefaultMaxSkipping;
    }

    /// <summary>What the writer loop sends; completes when the session ends or the client is dropped.</summary>
    public ChannelReader<byte[]> Reader => _messages.Reader;

    /// <summary>Why the client is dropped (the WebSocket close reason); null while it is not.</summary>
    public string? CloseReason
    {
        get
        {
            lock (_gate)
            {
                return _closeReason;
            }
        }
    }

    /// <summary>Queues a message that must arrive; past the byte bound the client is dropped instead.</summary>
    public void Enqueue(byte[] message)
    {
        lock (_gate)
        {
            if (_closeReason is not null)
            {
                return;
            }

            if (_queuedBytes + message.Length > _maxBytes)
            {
                Close($"slow consumer: fell {_maxBytes / (1024 * 1024)} MiB of messages behind");
                return;
            }

            Add(message);
        }
    }

    /// <summary>
    /// Queues a (shared) message of <paramref name="lines"/> log lines of <paramref name="app"/>, or counts them as
    /// skipped while the client is behind.
    /// </summary>
    public void OfferLog(byte[] message, string app, int lines)
    {
        lock (_gate)
        {
            if (_closeReason is not null)
            {
                return;
            }

            if (_skippingSince is { } since)
            {
                if (_queuedBytes > ResumeMark)
                {
                    Count(app, lines);
                    if (_time.GetUtcNow() - since >= _maxSkipping)
                    {
                        Close($"slow consumer: skipped log lines for {_maxSkipping.TotalSeconds:0.#} s without catching up");
                    }

                    return;
                }

                Resume();
            }

            // An empty queue takes any message, so that skipping only starts while the writer has something to send.
            if (_queuedBytes > 0 && _queuedBytes + message.Length > _maxLogBytes)
            {
                _skippingSince = _time.GetUtcNow();
                Count(app, lines);
                return;
            }

            Add(message);
        }
    }

    /// <summary>The writer sent a message of <paramref name="bytes"/>: frees its room, and ends a gap in the log lines.</summary>
    public void Sent(int bytes)
    {
        lock (_gate)
        {
            _queuedBytes -= bytes;
            if (_skippingSince is not null && _queuedBytes <= ResumeMark && _closeReason is null)
            {
                Resume();
            }
        }
    }

    /// <summary>Ends the queue: the writer sends what is left and stops.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _messages.Writer.TryComplete();
        }
    }

    private long ResumeMark => _maxLogBytes / 2;

    private void Add(byte[] message)
    {
        _queuedBytes += message.Length;
        _messages.Writer.TryWrite(message);
    }

    private void Count(string app, int lines)
    {
        _skipped[app] = _skipped.GetValueOrDefault(app) + lines;
    }

    private void Resume()
    {
        var now = _time.GetUtcNow();
        foreach (var (app, lines) in _skipped)
        {
            Add(WebSocketMessages.LogsSkipped(app, lines, now));
        }

        _skipped.Clear();
        _skippingSince = null;
    }

    private void Close(string reason)
    {
        _closeReason = reason;
        _messages.Writer.TryComplete();
    }
}
