using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.LogManager.Streaming;
using OpenDaemon.Plugins.LogManager.Writing;
using OpenDaemon.Plugins.ProcessManager;

namespace OpenDaemon.Plugins.LogManager;

/// <summary>
/// Capture for the process manager: each run's output goes through a <see cref="RunCapture"/> into the
/// shared writers (one per file) and to live followers. One timer flushes every writer whose oldest
/// buffered line has waited a flush interval — one timer for all apps, not one per file.
/// </summary>
internal sealed class LogCaptureService : IOutputCapture, IAsyncDisposable
{
    private readonly ITimer _flushTimer;

    public LogCaptureService(string logDirectory, LogWriterSettings settings, TimeProvider time, ILogger logger)
    {
        LogDirectory = logDirectory;
        Writers = new LogWriterRegistry(settings, time, logger);
        _flushTimer = time.CreateTimer(_ => Writers.FlushDue(time.GetUtcNow()), null, settings.FlushInterval, settings.FlushInterval);
    }

    public string LogDirectory { get; }

    public LogWriterRegistry Writers { get; }

    public LogStreamHub Hub { get; } = new();

    public ProcessLogPaths PathsFor(ProcessConfig config, int instance, int instanceCount) =>
        LogPaths.For(config, instance, instanceCount, LogDirectory);

    public IRunOutput Capture(RunOutputSource source, Socket stdout, Socket stderr) =>
        RunCapture.Start(source, stdout, stderr, PathsFor(source.Config, source.Instance, source.InstanceCount), Writers, Hub);

    /// <summary>Flushes and closes every file (daemon stop) once the apps are gone.</summary>
    public async ValueTask DisposeAsync()
    {
        await _flushTimer.DisposeAsync().ConfigureAwait(false);
        await Writers.DisposeAsync().ConfigureAwait(false);
    }
}
