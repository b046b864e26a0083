namespace OpenDaemon.Runtime.Reporting;

// Overview
//
// Who runs what:
// - The loop (RunAsync) is one task on the thread pool, so it never keeps the process alive. It connects, waits
//   the interval the daemon asked for (or until the daemon closes the connection), sends a report, and again.
//   With no daemon to talk to it retries after 1 s, 2 s, 4 s … up to 30 s; the delay goes back to 1 s once a
//   report went through. The first report of a connection is sent after one interval, not at once.
// - ReportNowAsync runs on the app's thread (tests, or before exit) and does what one turn of the loop does:
//   connect if need be, then send.
// - The connection's own watcher (DaemonConnection) notices the daemon closing it at once, so IsConnected is
//   true only while there is somewhere to send.
//
// The gate (a SemaphoreSlim, so it can be awaited) is held for each connect and each report: only one report is
// built at a time (the observable instruments' callbacks, the writer's reused buffers) and lines never
// interleave on the socket. _connection is written only under the gate and read anywhere for IsConnected.
//
// Stopping: Stop cancels _stop, which ends every wait — the loop's, a connect's, a send's, ReportNowAsync's for the
// gate — without an exception reaching the app. The loop then takes the gate one last time, closes the
// connection and ends; DisposeAsync awaits that, Stop does not wait. Nothing here throws into the app except
// OperationCanceledException for the caller's own token.

/// <summary>Sends reports to the daemon on a timer and on demand; see the overview in the source.</summary>
internal sealed class ReportLoop : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    private readonly string _path;
    private readonly Func<ReadOnlyMemory<byte>> _nextReport;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private volatile DaemonConnection? _connection;

    /// <summary>Starts the loop; <paramref name="nextReport"/> builds a line, under the gate.</summary>
    public ReportLoop(string path, Func<ReadOnlyMemory<byte>> nextReport)
    {
        _path = path;
        _nextReport = nextReport;
        _running = Task.Run(RunAsync);
    }

    public bool IsConnected => _connection is { IsClosed: false };

    public async Task ReportNowAsync(CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        try
        {
            await _gate.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return; // stopped
        }

        try
        {
            await SendAsync(either.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            // Stopped while sending, or not expected (socket failures are answered with false): the app asked for a
            // report, not for our errors.
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Stop() => _stop.Cancel();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var retry = FirstRetry;
        while (true)
        {
            try
            {
                if (await ConnectWaitAndReportAsync().ConfigureAwait(false))
                {
                    retry = FirstRetry;
                    continue;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // Not expected (socket failures are answered with null or false): retried like an absent daemon,
                // because nothing here may reach the app.
            }

            await Task.Delay(retry, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_stop.IsCancellationRequested)
            {
                break;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await DropAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    // One turn: connect if need be, wait the daemon's interval, report. False when there was no daemon, it closed
    // the connection meanwhile, or the report did not go through.
    private async Task<bool> ConnectWaitAndReportAsync()
    {
        if (await ConnectAsync().ConfigureAwait(false) is not { } connection)
        {
            return false;
        }

        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, connection.Closed))
        {
            await Task.Delay(connection.Interval, waiting.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Token.ThrowIfCancellationRequested();
        return !connection.IsClosed && await ReportAsync().ConfigureAwait(false);
    }

    private async Task<DaemonConnection?> ConnectAsync()
    {
        await _gate.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            return await ConnectedAsync(_stop.Token).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> ReportAsync()
    {
        await _gate.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            return await SendAsync(_stop.Token).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Under the gate. A connection that fails the send is replaced once, so that a report asked for just after the
    // daemon restarted still arrives.
    private async Task<bool> SendAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await ConnectedAsync(cancellationToken).ConfigureAwait(false) is not { } connection)
            {
                return false;
            }

            if (await connection.TrySendAsync(_nextReport(), SendTimeout, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    // Under the gate: the open connection, or a new one; null when the daemon cannot be reached.
    private async Task<DaemonConnection?> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsClosed: false } open)
        {
            return open;
        }

        await DropAsync().ConfigureAwait(false);
        _connection = await DaemonConnection.TryOpenAsync(_path, ConnectTimeout, cancellationToken).ConfigureAwait(false);
        return _connection;
    }

    // Under the gate.
    private async Task DropAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
