namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>How the log writers buffer: daemon-wide, not per app.</summary>
/// <remarks>
/// A file is written when its buffer passes <see cref="BufferSize"/> and at the latest
/// <see cref="FlushInterval"/> after its first unwritten line, so <c>od logs</c> lags by at most that
/// much while a busy app costs one write per <see cref="BufferSize"/> bytes. (The output pumps also
/// write out whenever an app pauses; these bounds are for bursts.)
/// </remarks>
internal sealed record LogWriterSettings
{
    /// <summary>Bytes kept in memory per file before a write; 64 KiB.</summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>How long a line may wait in memory; 100 ms. Driven by the caller's one timer (<see cref="LogWriterRegistry.FlushDue"/>).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Unwritten bytes (the file cannot be written: disk full, I/O error) beyond which appending waits
    /// for a write to succeed, so the app blocks on its full pipe instead of the daemon's memory growing.
    /// </summary>
    public long MaxPendingBytes => 8L * BufferSize;
}
