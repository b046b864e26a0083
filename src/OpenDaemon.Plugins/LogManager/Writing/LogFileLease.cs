namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>One stream's hold on a shared <see cref="LogFileWriter"/>; disposing it releases the hold once.</summary>
internal sealed class LogFileLease : IDisposable
{
    private LogWriterRegistry? _registry;

    public LogFileLease(LogWriterRegistry registry, LogFileWriter writer)
    {
        _registry = registry;
        Writer = writer;
    }

    public LogFileWriter Writer { get; }

    public void Dispose() => Interlocked.Exchange(ref _registry, null)?.Release(Writer);
}
