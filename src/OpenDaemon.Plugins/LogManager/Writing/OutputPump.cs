using System.Buffers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// Reads one stream of one run (stdout or stderr) and turns it into log entries: split into lines,
/// level detected, encoded, appended to the stream's log file, the last lines noted, followers fed.
/// </summary>
/// <remarks>
/// <para><b>Overview.</b> A read first waits with a zero-byte receive (epoll, no thread, no buffer),
/// then borrows a 64 KiB buffer only while data is there; every other buffer (splitter, detector,
/// batch) also goes back to the pool after each chunk, so an idle app holds none. One chunk costs
/// one clock read and one timestamp format; its entries are gathered in a batch handed to the writer
/// every 64 KiB and at the end of the chunk.</para>
/// <para><b>When lines reach the file.</b> As soon as the app pauses — a read that did not fill the
/// chunk means the pipe is empty — the lines read are written out, so a daemon killed by SIGKILL loses
/// none that it had read; only while reads keep coming full (a burst) do they batch in the writer's
/// buffer, written every <see cref="LogWriterSettings.BufferSize"/> bytes and at the latest after
/// <see cref="LogWriterSettings.FlushInterval"/>. The cost is one write per read at moderate rates.</para>
/// <para><b>Backpressure.</b> When the writer reports too many unwritten bytes, the pump awaits it
/// before reading again: the socket fills and the app blocks. A log file that cannot be opened
/// discards instead, so reading goes on and the app never blocks.</para>
/// <para><b>Failure.</b> The pump never throws: a closed socket ends it; anything unexpected is
/// logged and the rest of the stream drained. At end of stream the last line (without newline) is
/// written and the file flushed before <see cref="RunAsync"/> completes.</para>
/// </remarks>
internal sealed partial class OutputPump
{
    private const int ChunkSize = 64 * 1024;
    private const int BatchSize = 64 * 1024;

    private readonly RunOutputSource _run;
    private readonly Socket _socket;
    private readonly LogFileLease? _lease;
    private readonly LogFileLease? _combined;
    private readonly ILogTap _tap;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _isStderr;
    private readonly string _source;
    private readonly LineSplitter _splitter = new();
    private readonly LevelDetector _detector = new();
    private readonly PooledByteBuffer _batch = new(BatchSize + (BatchSize / 2));
    private readonly LogEntryEncoder _encoder;
    private readonly ChunkTail _tail;
    private bool _tapFailed;

    public OutputPump(RunOutputSource run, bool isStderr, Socket socket, LogFileLease? lease, ILogTap tap, RecentLines recent, TimeProvider time, ILogger logger, LogFileLease? combined = null)
    {
        _combined = combined;
        _run = run;
        _isStderr = isStderr;
        _source = isStderr ? "stderr" : "stdout";
        _socket = socket;
        _lease = lease;
        _tap = tap;
        _time = time;
        _logger = logger;
        _tail = new ChunkTail(recent, _source);
        var logs = run.Config.Logs;
        _encoder = new LogEntryEncoder(logs?.Format ?? default, logs?.TimestampFormat, run.Config.Name, run.Instance, run.Pid, _source, time.LocalTimeZone);
    }

    /// <summary>Runs to the end of the stream; never throws.</summary>
    public async Task RunAsync()
    {
        try
        {
            while (true)
            {
                await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                Task pressure;
                int read;
                try
                {
                    // A full chunk means more is likely waiting: read on with the same buffer instead of
                    // going back to the zero-byte wait (one receive per chunk under load, not two).
                    do
                    {
                        read = await _socket.ReceiveAsync(buffer.AsMemory(0, ChunkSize), SocketFlags.None).ConfigureAwait(false);
                        pressure = read == 0 ? Task.CompletedTask : ProcessChunk(buffer.AsSpan(0, read));
                    }
                    while (read == ChunkSize && pressure.IsCompleted);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                if (read == 0)
                {
                    break;
                }

                await pressure.ConfigureAwait(false);
                if (read < ChunkSize)
                {
                    WriteOut(); // the app paused: its lines go to the file now, not up to flushInterval later
                }
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // The socket was closed under us: the run is over.
        }
        catch (Exception error)
        {
            LogPumpFailed(_logger, error, _run.Config.Name, _run.Instance, _source);
            await DrainAsync().ConfigureAwait(false);
        }
        finally
        {
            Finish();
        }
    }

    private Task ProcessChunk(ReadOnlySpan<byte> chunk)
    {
        var now = _time.GetUtcNow();
        var pressure = Task.CompletedTask;
        var publish = _tap.IsActive && !_tapFailed;
        _encoder.BeginChunk(now);
        foreach (var line in _splitter.Split(chunk))
        {
            Handle(line, chunk, now, publish, ref pressure);
        }

        EndChunk(chunk, ref pressure);
        return pressure;
    }

    private void Handle(ReadOnlySpan<byte> line, ReadOnlySpan<byte> chunk, DateTimeOffset now, bool publish, ref Task pressure)
    {
        var detected = _encoder.NeedsDetection || publish
            ? _detector.Detect(line, _isStderr)
            : new DetectedLine(_isStderr ? LoggerLevels.Error : LoggerLevels.Info, line, default);
        _encoder.Encode(_batch, line, detected);
        if (_batch.WrittenCount >= BatchSize)
        {
            AppendBatch(ref pressure);
        }

        _tail.Note(line, chunk);
        if (publish)
        {
            Publish(detected, now);
        }
    }

    private void EndChunk(ReadOnlySpan<byte> chunk, ref Task pressure)
    {
        AppendBatch(ref pressure);
        _tail.Commit(chunk);
        _batch.Release();
        _detector.Release();
    }

    private void AppendBatch(ref Task pressure)
    {
        if (_batch.WrittenCount == 0)
        {
            return;
        }

        var appended = _lease?.Writer.Append(_batch.WrittenSpan) ?? Task.CompletedTask;
        var combined = _combined?.Writer.Append(_batch.WrittenSpan) ?? Task.CompletedTask;
        pressure = (appended.IsCompleted, combined.IsCompleted) switch
        {
            (true, true) => pressure,
            (false, true) => appended,
            (true, false) => combined,
            _ => Task.WhenAll(appended, combined),
        };
        _batch.Clear();
    }

    private void Publish(scoped in DetectedLine detected, DateTimeOffset now)
    {
        try
        {
            JsonElement? metadata = null;
            if (!detected.Metadata.IsEmpty)
            {
                var reader = new Utf8JsonReader(detected.Metadata);
                metadata = JsonElement.ParseValue(ref reader);
            }

            _tap.Publish(new LogEntry
            {
                Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()),
                Level = LogLevels.All[detected.Level],
                Pid = _run.Pid,
                ProcessName = _run.Config.Name,
                InstanceId = _run.Instance,
                Message = Encoding.UTF8.GetString(detected.Message),
                Source = _source,
                Metadata = metadata,
            });
        }
        catch (Exception error)
        {
            // Followers are a convenience: a failing tap must not cost the log file its lines.
            _tapFailed = true;
            LogTapFailed(_logger, error, _run.Config.Name, _run.Instance);
        }
    }

    private void WriteOut()
    {
        _lease?.Writer.Flush();
        _combined?.Writer.Flush();
    }

    // End of stream: the last line without a newline, then everything out to the file.
    private void Finish()
    {
        try
        {
            var pressure = Task.CompletedTask;
            if (_splitter.TryComplete(out var last))
            {
                var now = _time.GetUtcNow();
                _encoder.BeginChunk(now);
                Handle(last, default, now, _tap.IsActive && !_tapFailed, ref pressure);
                EndChunk(default, ref pressure);
            }

            WriteOut();
        }
        catch (Exception error)
        {
            LogPumpFailed(_logger, error, _run.Config.Name, _run.Instance, _source);
        }
        finally
        {
            _lease?.Dispose();
            _combined?.Dispose();
            _splitter.Dispose();
            _detector.Release();
            _batch.Release();
        }
    }

    private async Task DrainAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (await _socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // Closed: nothing left to drain.
        }
    }
}
