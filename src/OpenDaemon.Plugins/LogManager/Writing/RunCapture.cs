using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// One run's output capture: an <see cref="OutputPump"/> per stream writing to the run's log files
/// (shared with other runs through the <see cref="LogWriterRegistry"/>), and the run's last lines.
/// </summary>
internal sealed partial class RunCapture : IRunOutput
{
    public const int LastLineCount = 200;

    private readonly RecentLines _recent;

    private RunCapture(Task completion, RecentLines recent)
    {
        Completion = completion;
        _recent = recent;
    }

    /// <summary>Completes when both streams ended, every line was appended and the files were flushed. Never faults.</summary>
    public Task Completion { get; }

    public IReadOnlyList<string> LastLines() => _recent.Snapshot();

    /// <summary>
    /// Starts reading <paramref name="stdout"/> and <paramref name="stderr"/> into <paramref name="paths"/>
    /// (from <see cref="LogPaths.For"/>), with the format and rotation of <c>source.Config.Logs</c>.
    /// Does not take ownership of the sockets. Never throws: a file that cannot be opened is reported
    /// and its stream drained.
    /// </summary>
    public static RunCapture Start(RunOutputSource source, Socket stdout, Socket stderr, ProcessLogPaths paths, LogWriterRegistry writers, ILogTap tap)
    {
        var recent = new RecentLines(LastLineCount);
        var options = LogFileOptions.For(source.Config.Logs, AppFileCount(source, paths));
        // PM2's log_file: both streams also go, as they are written, to one combined file.
        var combined = LogPaths.CombinedFor(source.Config, source.Instance, source.InstanceCount);
        var output = new OutputPump(source, isStderr: false, stdout, Lease(paths.Out), tap, recent, writers.Time, writers.Logger, combined is null ? null : Lease(combined));
        var error = new OutputPump(source, isStderr: true, stderr, Lease(paths.Err), tap, recent, writers.Time, writers.Logger, combined is null ? null : Lease(combined));
        return new RunCapture(Task.WhenAll(Task.Run(output.RunAsync), Task.Run(error.RunAsync)), recent);

        LogFileLease? Lease(string path)
        {
            try
            {
                return writers.Acquire(path, options);
            }
            catch (ObjectDisposedException)
            {
                // The daemon is stopping: the stream is drained without a file.
                LogNoWriter(writers.Logger, source.Config.Name, source.Instance, path);
                return null;
            }
        }
    }

    [LoggerMessage(EventId = 3331, Level = LogLevel.Warning, Message = "{App} [{Id}] output for {Path} is discarded: the log manager is stopping")]
    private static partial void LogNoWriter(ILogger logger, string app, int id, string path);

    // How many log files the app writes: out and err (or one shared), once per instance unless merged.
    private static int AppFileCount(RunOutputSource source, ProcessLogPaths paths) =>
        (paths.Out == paths.Err ? 1 : 2) * (source.Config.MergeLogs ? 1 : source.InstanceCount);
}
