using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Plugins.Audit.Streaming;

namespace OpenDaemon.Plugins.Audit.Writing;

/// <summary>
/// Writes the audit log off the RPC path.
/// </summary>
/// <remarks>
/// Overview. Callers (the RPC observer, bus handlers, <c>IAuditLog.Record</c>) only <see cref="TryRecord"/>:
/// a non-blocking write into a bounded channel. When the channel is full the entry is not written but
/// counted, and the next thing the loop writes is an <c>audit.dropped</c> entry with that count — a gap
/// is always visible, never silent. One loop (<see cref="RunAsync"/>) owns everything else: the open
/// file, its length, the hash of the last line (<c>_last</c>), rotation and the user-name cache, so
/// none of it needs a lock. It drains what is queued into one buffer, writes it with one write and
/// hands the lines to live followers. Readers (<c>audit.search</c>, <c>audit.verify</c>) send a request
/// through the same channel (<see cref="OnWriterAsync{T}"/>): it runs on the loop after everything
/// queued before it was written, so a reader sees every entry recorded before it asked, opens the files
/// before any later rotation can rename them, and never sees half a line. <see cref="DisposeAsync"/>
/// completes the channel and waits for the loop to write what is left, fsync and close (daemon stop).
/// </remarks>
internal sealed partial class AuditWriter : IAsyncDisposable
{
    private readonly Channel<object> _queue;
    private readonly AuditSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ActorNames _actors;
    private readonly AuditFollowers _followers;
    private readonly ArrayBufferWriter<byte> _batch = new(64 * 1024);
    private long _dropped;
    private long _droppedTotal;
    private FileStream? _file;
    private long _fileLength;
    private string _last = AuditChain.Genesis;
    private Task? _loop;

    public AuditWriter(AuditSettings settings, TimeProvider time, ILogger logger, AuditFollowers followers, ActorNames? actors = null)
    {
        _settings = settings;
        _time = time;
        _logger = logger;
        _followers = followers;
        _actors = actors ?? new ActorNames();
        _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(settings.QueueCapacity)
        {
            // Wait: TryWrite answers false when full (DropWrite would answer true and lose the entry unseen).
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Entries dropped because the queue was full, since start.</summary>
    public long DroppedTotal => Interlocked.Read(ref _droppedTotal);

    /// <summary>Opens the current file (finding the chain's last hash) and starts the loop.</summary>
    public void Start()
    {
        Open();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues an entry; never blocks. False (and counted) when the queue is full or the writer stopped.</summary>
    public bool TryRecord(PendingEntry entry)
    {
        if (_queue.Writer.TryWrite(entry))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        Interlocked.Increment(ref _droppedTotal);
        return false;
    }

    /// <summary>Runs <paramref name="action"/> on the loop once everything queued before has been written.</summary>
    public async Task<T> OnWriterAsync<T>(Func<T> action, CancellationToken cancellationToken)
    {
        var request = new WriterRequest<T>(action);
        await _queue.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        return await request.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what is queued, then fsyncs and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }
        else
        {
            _file?.Dispose();
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    if (item is PendingEntry entry)
                    {
                        AppendDropNotice();
                        Append(entry);
                    }
                    else if (item is IWriterRequest request)
                    {
                        AppendDropNotice();
                        WriteBatch();
                        request.Run();
                    }
                }

                AppendDropNotice();
                WriteBatch();
            }
        }
        finally
        {
            Close();
        }
    }

    private void AppendDropNotice()
    {
        if (Interlocked.Exchange(ref _dropped, 0) is var dropped and > 0)
        {
            LogDropped(_logger, dropped);
            using var document = JsonDocument.Parse(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{{\"dropped\":{dropped},\"message\":\"{dropped} audit entries dropped: the queue of {_settings.QueueCapacity} was full\"}}"));
            var parameters = document.RootElement.Clone();
            Append(new PendingEntry(_time.GetUtcNow(), "audit.dropped", "success") { Actor = ActorNames.Daemon, Params = parameters });
        }
    }

    private void Append(PendingEntry pending)
    {
        byte[] line;
        AuditEntry entry;
        try
        {
            entry = Build(pending);
            line = JsonSerializer.SerializeToUtf8Bytes(entry, ContractsJsonContext.Default.AuditEntry);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or ArgumentException)
        {
            LogEntryFailed(_logger, pending.Action, error);
            return;
        }

        if (_fileLength + _batch.WrittenCount > 0 && _fileLength + _batch.WrittenCount + line.Length + 1 > _settings.MaxFileBytes)
        {
            WriteBatch();
            Rotate();
        }

        _batch.Write(line);
        _batch.Write("\n"u8);
        _last = AuditChain.Hash(line);
        _followers.Publish(entry, line);
    }

    private AuditEntry Build(PendingEntry pending) => new()
    {
        Timestamp = pending.Timestamp,
        Action = pending.Action,
        Actor = pending.Actor ?? _actors.For(pending.Caller ?? CallerIdentity.Unknown),
        Target = pending.Target ?? AuditTargets.From(pending.Action, pending.Params),
        Params = pending.Params is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } parameters ? AuditRedactor.Redact(pending.Action, parameters) : null,
        Result = pending.Result,
        Duration = pending.Duration is { } duration ? Math.Round(duration.TotalMilliseconds, 3) : null,
        Prev = _last,
    };

    private void WriteBatch()
    {
        if (_batch.WrittenCount == 0)
        {
            return;
        }

        try
        {
            var file = ReopenIfChanged() ?? _file ?? OpenCurrent();
            file.Write(_batch.WrittenSpan);
            _fileLength += _batch.WrittenCount;
        }
        catch (IOException error)
        {
            // Disk full or gone: these lines are lost, and the chain will show the gap at the next line written.
            LogWriteFailed(_logger, _settings.Directory, error);
            _file?.Dispose();
            _file = null;
        }
        finally
        {
            _batch.ResetWrittenCount();
        }
    }
}
