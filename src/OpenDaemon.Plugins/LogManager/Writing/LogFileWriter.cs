using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// Appends encoded lines to one log file, shared by every stream that writes there (stdout and stderr
/// of one or several instances with <c>mergeLogs</c>, or <c>errorLogFile</c> equal to <c>logFile</c>).
/// </summary>
/// <remarks>
/// <para><b>Overview.</b> Callers hand over whole lines, many at a time; a lock keeps each batch whole,
/// so lines never interleave. Bytes collect in a pooled buffer that is written when it passes
/// <see cref="LogWriterSettings.BufferSize"/> or on <see cref="Flush"/>; a large batch arriving at
/// an empty buffer is written straight from the caller's memory. Every write goes to the file's
/// current end (checked with fstat), so an outside <c>copytruncate</c> or append is respected.</para>
/// <para><b>Pressure.</b> Nothing is ever dropped while the file exists. When a write fails (disk
/// full, I/O error) the bytes stay and the next flush retries at the same offset, overwriting a
/// partial write; past <see cref="LogWriterSettings.MaxPendingBytes"/> <see cref="Append"/> returns a
/// task that completes once a write succeeds, and the pump waits on it: the pipe fills and the app
/// blocks, as it would writing to a full disk itself. A file that cannot be opened at all is reported
/// once and its output discarded, so the app never blocks on it.</para>
/// <para><b>Rotation</b> (LogFileWriter.Rotation.cs) happens inside <see cref="Append"/> at line
/// boundaries; gzip and retention run in the background.</para>
/// </remarks>
internal sealed partial class LogFileWriter
{
    private readonly Lock _lock = new();
    private readonly LogWriterSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PooledByteBuffer _buffer;
    private readonly Action _unwrittenLinesArrived; // the flush timer's Wake: a first line waits in memory
    private SafeFileHandle? _file;
    private long _fileLength;
    private bool _writeFailing;
    private bool _discarding;
    private bool _closed;
    private long _dirtySinceTicks;
    private TaskCompletionSource? _writable;

    public LogFileWriter(string path, LogFileOptions options, LogWriterSettings settings, TimeProvider time, ILogger logger, BackgroundJobs jobs, Action unwrittenLinesArrived)
    {
        _unwrittenLinesArrived = unwrittenLinesArrived;
        Path = path;
        Options = options;
        _settings = settings;
        _time = time;
        _logger = logger;
        _jobs = jobs;
        _buffer = new PooledByteBuffer(settings.BufferSize * 2);
        _period = options.Rotation.Enabled ? RotationPeriod.FromPattern(options.Rotation.DatePattern) : default;
        try
        {
            Open();
            _periodEnd = _period.End(time.GetUtcNow(), time.LocalTimeZone);
        }
        catch (Exception error) when (IsFileError(error))
        {
            _discarding = true;
            LogCannotOpen(logger, path, error.Message);
        }
    }

    public string Path { get; }

    public LogFileOptions Options { get; }

    /// <summary>True when the file could not be opened and appended lines are thrown away.</summary>
    public bool IsDiscarding => _discarding;

    /// <summary>Bytes appended but not yet in the file.</summary>
    public long PendingBytes
    {
        get
        {
            lock (_lock)
            {
                return _buffer.WrittenCount;
            }
        }
    }

    /// <summary>
    /// Adds whole lines (each ending in <c>\n</c>). Never blocks; the returned task is complete unless
    /// too much is waiting for a file that cannot be written, and then completes when a write succeeds
    /// (or the writer closes): await it before reading more from the app.
    /// </summary>
    public Task Append(ReadOnlySpan<byte> lines)
    {
        if (lines.IsEmpty)
        {
            return Task.CompletedTask;
        }

        lock (_lock)
        {
            if (_discarding || _closed)
            {
                return Task.CompletedTask;
            }

            AppendLines(lines, _time.GetUtcNow());
            if (_buffer.WrittenCount >= _settings.BufferSize)
            {
                WriteBuffered();
            }

            if (_buffer.WrittenCount <= _settings.MaxPendingBytes)
            {
                return Task.CompletedTask;
            }

            _writable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _writable.Task;
        }
    }

    /// <summary>Writes what is buffered; false when the file cannot be written now (the bytes stay).</summary>
    public bool Flush()
    {
        lock (_lock)
        {
            return _discarding || _closed || WriteBuffered();
        }
    }

    /// <summary>Whether lines wait in memory (not yet due, or the file refused them).</summary>
    public bool HasUnwrittenLines => Volatile.Read(ref _dirtySinceTicks) != 0;

    /// <summary>Flushes when the oldest unwritten line has waited at least <paramref name="interval"/>.</summary>
    public void FlushIfDue(DateTimeOffset now, TimeSpan interval)
    {
        var since = Volatile.Read(ref _dirtySinceTicks);
        if (since != 0 && now.UtcTicks - since >= interval.Ticks)
        {
            Flush();
        }
    }

    /// <summary>
    /// Flushes and closes. When the bytes cannot be written, <paramref name="force"/> false leaves the
    /// writer open (for a later retry) and returns false; true drops them, reported, and closes.
    /// </summary>
    public bool Close(bool force)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return true;
            }

            var written = _discarding || WriteBuffered();
            if (!written && !force)
            {
                return false;
            }

            if (!written)
            {
                LogDataLost(_logger, Path, _buffer.WrittenCount);
            }

            _closed = true;
            _file?.Dispose();
            _file = null;
            _buffer.Release();
            Volatile.Write(ref _dirtySinceTicks, 0);
            ReleaseWaiters();
            return written;
        }
    }

    // Buffers lines, or writes a large batch directly when nothing is waiting before it.
    private void Keep(ReadOnlySpan<byte> lines, DateTimeOffset now)
    {
        if (lines.IsEmpty)
        {
            return;
        }

        if (_buffer.WrittenCount == 0)
        {
            if (lines.Length >= _settings.BufferSize && !_writeFailing && TryWrite(lines))
            {
                return;
            }

            Volatile.Write(ref _dirtySinceTicks, now.UtcTicks);
            _unwrittenLinesArrived();
        }

        _buffer.Write(lines);
    }

    private bool WriteBuffered()
    {
        if (_buffer.WrittenCount == 0)
        {
            return true;
        }

        if (!TryWrite(_buffer.WrittenSpan))
        {
            return false;
        }

        _buffer.Release(); // an idle writer holds no buffer
        Volatile.Write(ref _dirtySinceTicks, 0);
        ReleaseWaiters();
        return true;
    }

    private bool TryWrite(ReadOnlySpan<byte> bytes)
    {
        try
        {
            if (_file is null)
            {
                Open(); // the fresh file after a rotation could not be opened; try again
            }
            else
            {
                ReopenIfDeleted(bytes);
            }

            // Append at the file's real end (it may have been truncated or appended to from outside),
            // except after a failed write: then rewrite from where that write began, over its partial bytes.
            var end = RandomAccess.GetLength(_file!);
            var offset = _writeFailing ? Math.Min(end, _fileLength) : end;
            RandomAccess.Write(_file!, bytes, offset);
            _fileLength = offset + bytes.Length;
            if (_writeFailing)
            {
                _writeFailing = false;
                LogWriteRecovered(_logger, Path);
            }

            return true;
        }
        catch (Exception error) when (IsFileError(error))
        {
            if (!_writeFailing)
            {
                _writeFailing = true;
                LogWriteFailed(_logger, Path, error.Message);
            }

            return false;
        }
    }

    private void Open()
    {
        LogFileModes.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var created = !File.Exists(Path);
        _file = File.OpenHandle(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        if (created)
        {
            LogFileModes.MakePrivate(_file);
        }
        _fileLength = RandomAccess.GetLength(_file);
    }

    private void ReleaseWaiters()
    {
        _writable?.TrySetResult();
        _writable = null;
    }

    private static bool IsFileError(Exception error) => error is IOException or UnauthorizedAccessException or NotSupportedException;
}
