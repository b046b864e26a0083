using OpenDaemon.Runtime.Collection;
using OpenDaemon.Runtime.Reporting;

namespace OpenDaemon.Runtime;

/// <summary>
/// Reports the app's instruments to the daemon once per interval (the daemon chooses it, 5 s by default) on a
/// background task that never keeps the process alive. Made by <see cref="RuntimeMetrics.Start(RuntimeMetricsOptions?)"/>; dispose it to stop.
/// </summary>
/// <remarks>
/// Nothing here throws into the app or writes to its output: a daemon that is away or closes the connection is
/// retried quietly, with a delay growing from 1 s to 30 s.
/// </remarks>
public sealed class RuntimeMetricsReporter : IDisposable, IAsyncDisposable
{
    private readonly InstrumentListener? _instruments;
    private readonly ReportLoop? _loop;

    /// <summary>A reporter that does nothing: the app does not run under OpenDaemon.</summary>
    internal RuntimeMetricsReporter()
    {
    }

    internal RuntimeMetricsReporter(string socketPath, IReadOnlyCollection<string>? meters)
    {
        var instruments = new InstrumentListener(meters);
        var writer = new ReportWriter(instruments.Store);
        _instruments = instruments;
        _loop = new ReportLoop(socketPath, () =>
        {
            instruments.RecordObservables();
            return writer.Write();
        });
    }

    /// <summary>True while connected to a daemon; false outside OpenDaemon, between retries and after dispose.</summary>
    public bool IsReporting => _loop?.IsConnected ?? false;

    /// <summary>
    /// Sends one report now, connecting first if need be: before the app exits, so that its last figures are seen,
    /// or in tests. Completes without throwing when there is no daemon to send to.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (for a report in progress, or for the daemon); then it throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>A task that completes once the report was handed to the socket, or could not be.</returns>
    public Task ReportNowAsync(CancellationToken cancellationToken = default) =>
        _loop?.ReportNowAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Stops reporting and listening to instruments; the background task closes the connection as it ends.</summary>
    public void Dispose()
    {
        _loop?.Stop();
        _instruments?.Dispose();
    }

    /// <summary>Stops reporting and listening to instruments, and waits until the connection is closed.</summary>
    /// <returns>A task that completes once the background task has ended.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_loop is not null)
        {
            await _loop.DisposeAsync().ConfigureAwait(false);
        }

        _instruments?.Dispose();
    }
}
