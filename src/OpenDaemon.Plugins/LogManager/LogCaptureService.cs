using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.LogManager.Streaming;
using OpenDaemon.Plugins.LogManager.Writing;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.LogManager;

/// <summary>
/// Capture for the process manager: each run's output goes through a <see cref="RunCapture"/> into the
/// shared writers (one per file) and to live followers. The writers' one flush timer writes every file
/// whose oldest buffered line has waited a flush interval (<see cref="FlushTimer"/>).
/// </summary>
internal sealed class LogCaptureService : IOutputCapture, IAsyncDisposable
{
    public LogCaptureService(string logDirectory, LogWriterSettings settings, TimeProvider time, ILogger logger)
    {
        LogDirectory = logDirectory;
        Writers = new LogWriterRegistry(settings, time, logger);
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
        await Writers.DisposeAsync().ConfigureAwait(false);
    }
}
