using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// Every open log file of the daemon, one <see cref="LogFileWriter"/> per path however many streams
/// write there, handed out as ref-counted leases: the last lease released flushes and closes it.
/// </summary>
/// <remarks>
/// One <see cref="FlushTimer"/>, running only while some file holds unwritten lines, drives
/// <see cref="FlushDue"/> for all files (no timer per writer). A writer
/// whose last lease is released while its bytes cannot be written (disk full) is kept, unleased,
/// and closed by the first <see cref="FlushDue"/> that gets them out, so an app that exits on a full
/// disk does not lose its last lines. Writers are read for flushing from an immutable snapshot that
/// <see cref="Acquire"/> and release replace, so the timer never takes the registry lock on its way.
/// </remarks>
internal sealed class LogWriterRegistry : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly BackgroundJobs _jobs = new();
    private Entry[] _snapshot = [];
    private bool _disposed;

    private readonly FlushTimer _flushTimer;

    public LogWriterRegistry(LogWriterSettings settings, TimeProvider time, ILogger logger)
    {
        Settings = settings;
        Time = time;
        Logger = logger;
        _flushTimer = new FlushTimer(time, settings.FlushInterval, () => FlushDue(time.GetUtcNow()), AnyUnwrittenLines);
    }

    public LogWriterSettings Settings { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    /// <summary>
    /// The writer for <paramref name="path"/>, opened on first use. <paramref name="options"/> of the first
    /// acquirer apply while the file is open (streams sharing a file come from the same app config).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The registry was disposed (the daemon is stopping).</exception>
    public LogFileLease Acquire(string path, LogFileOptions options)
    {
        var key = Path.GetFullPath(path);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new Entry(new LogFileWriter(key, options, Settings, Time, Logger, _jobs, _flushTimer.Wake));
                _entries.Add(key, entry);
                _snapshot = [.. _entries.Values];
            }

            entry.Leases++;
            return new LogFileLease(this, entry.Writer);
        }
    }

    /// <summary>The open writer of <paramref name="path"/>, or null when nothing writes there now.</summary>
    public LogFileWriter? Find(string path)
    {
        lock (_lock)
        {
            return _entries.GetValueOrDefault(Path.GetFullPath(path))?.Writer;
        }
    }

    /// <summary>Writes every buffered line now (<c>od daemon flush</c>, <c>log.flush</c>).</summary>
    public void FlushAll()
    {
        foreach (var entry in Volatile.Read(ref _snapshot))
        {
            entry.Writer.Flush();
            RetireIfUnleased(entry);
        }
    }

    /// <summary>Writes the files whose oldest buffered line has waited <see cref="LogWriterSettings.FlushInterval"/>; the flush timer calls it.</summary>
    /// <returns>Whether lines still wait in memory afterwards (not yet due, or a file refused them).</returns>
    public bool FlushDue(DateTimeOffset now)
    {
        var waiting = false;
        foreach (var entry in Volatile.Read(ref _snapshot))
        {
            entry.Writer.FlushIfDue(now, Settings.FlushInterval);
            RetireIfUnleased(entry);
            waiting |= entry.Writer.HasUnwrittenLines;
        }

        return waiting;
    }

    private bool AnyUnwrittenLines() => Volatile.Read(ref _snapshot).Any(entry => entry.Writer.HasUnwrittenLines);

    /// <summary>Completes when no gzip or retention job is running (tests, and <see cref="DisposeAsync"/>).</summary>
    public Task WhenBackgroundIdleAsync() => _jobs.WhenIdleAsync();

    /// <summary>Flushes and closes every file (daemon stop), then waits for pending gzip and retention jobs.</summary>
    public async ValueTask DisposeAsync()
    {
        await _flushTimer.DisposeAsync().ConfigureAwait(false);
        Entry[] entries;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            entries = [.. _entries.Values];
            _entries.Clear();
            _snapshot = [];
        }

        foreach (var entry in entries)
        {
            entry.Writer.Close(force: true);
        }

        await _jobs.WhenIdleAsync().ConfigureAwait(false);
    }

    internal void Release(LogFileWriter writer)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(writer.Path, out var entry) || entry.Writer != writer || --entry.Leases > 0)
            {
                return;
            }

            if (writer.Close(force: false))
            {
                Remove(entry);
            }
        }
    }

    private void RetireIfUnleased(Entry entry)
    {
        if (Volatile.Read(ref entry.Leases) > 0)
        {
            return;
        }

        lock (_lock)
        {
            if (entry.Leases == 0 && _entries.TryGetValue(entry.Writer.Path, out var current) && current == entry && entry.Writer.Close(force: false))
            {
                Remove(entry);
            }
        }
    }

    private void Remove(Entry entry)
    {
        _entries.Remove(entry.Writer.Path);
        _snapshot = [.. _entries.Values];
    }

    private sealed class Entry(LogFileWriter writer)
    {
        public int Leases;

        public LogFileWriter Writer { get; } = writer;
    }
}
