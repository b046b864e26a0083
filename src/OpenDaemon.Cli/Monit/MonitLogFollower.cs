using OpenDaemon.Client;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Cli.Monit;

/// <summary>
/// The logs pane's data: on its own connection, <c>log.stream</c> of one app (or all) opened first, then its
/// recent lines read with <c>log.search</c>, so nothing written in between is lost; a line that comes both
/// ways is shown once (as <c>od logs -f</c> does). Reconnects every second while the daemon is away.
/// </summary>
/// <remarks>
/// Concurrency: one follower task per scope, owned by <see cref="MonitSession"/>, which cancels and awaits it
/// when the scope changes or the dashboard quits. It posts changes to the loop and never touches the model.
/// </remarks>
internal static class MonitLogFollower
{
    private const int RecentLines = 200;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <param name="options">How to reach the daemon.</param>
    /// <param name="app">The app whose lines to follow; null for every app.</param>
    /// <param name="post">Where changes go.</param>
    /// <param name="time">The clock for the retry delay.</param>
    /// <param name="cancellationToken">Ends following.</param>
    public static async Task RunAsync(OdClientOptions options, string? app, Action<MonitInput> post, TimeProvider time, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> targets = app is null ? [] : [app];
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await FollowOnceAsync(options, targets, post, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The daemon went away or the app is gone: try again (the feed shows the connection state).
            }

            await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task FollowOnceAsync(OdClientOptions options, IReadOnlyList<string> targets, Action<MonitInput> post, CancellationToken cancellationToken)
    {
        await using var client = await OdClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var live = client.StreamLogsAsync(new LogStreamParams { Targets = targets }, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = live.MoveNextAsync();
        var pending = true;
        try
        {
            var recent = new List<LogEntry>();
            await foreach (var entry in client.ReadLogsAsync(new LogSearchParams { Targets = targets, Limit = RecentLines }, cancellationToken).ConfigureAwait(false))
            {
                recent.Add(entry);
            }

            var seen = recent.Select(Key).ToHashSet();
            post(new MonitInput.Changed(model => MonitUpdates.WithLogs(model, recent)));
            while (true)
            {
                pending = false;
                if (!await next.ConfigureAwait(false))
                {
                    return;
                }

                var entry = live.Current;
                if (seen.Count == 0 || !seen.Remove(Key(entry)))
                {
                    post(new MonitInput.Changed(model => MonitUpdates.AppendLogs(model, [entry])));
                }

                next = live.MoveNextAsync();
                pending = true;
            }
        }
        finally
        {
            // An async iterator cannot be disposed while a MoveNextAsync runs: end that one first.
            if (pending)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await next.ConfigureAwait(false);
                }
                catch (Exception error) when (error is OperationCanceledException or Contracts.Errors.DaemonException)
                {
                    // Cancelled just now, or the connection had already ended.
                }
            }

            await live.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static (DateTimeOffset?, string, int?, string, string) Key(LogEntry entry) =>
        (entry.Timestamp, entry.ProcessName, entry.InstanceId, entry.Source, entry.Message);
}
