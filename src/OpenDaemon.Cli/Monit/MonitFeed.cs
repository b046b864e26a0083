using System.Text.Json;
using System.Threading.Channels;
using OpenDaemon.Client;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Events;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Cli.Monit;

/// <summary>
/// The dashboard's live data from the daemon, without polling: on each connection one <c>daemon.status</c>,
/// <c>process.list</c> and <c>metric.snapshot</c>, then <c>event.subscribe</c>. A <c>metric:snapshot</c> event
/// carries the figures itself; a process, app or health event makes the feed fetch <c>process.list</c> once
/// (events that arrive while a fetch runs cost one more fetch, not one each). When the connection ends
/// (the daemon stopped or restarted) it says so and reconnects every second until the dashboard quits.
/// </summary>
/// <remarks>
/// Concurrency: the feed runs as one task owned by <see cref="MonitSession"/>, which awaits it on quit. It never
/// touches the model: it posts <see cref="MonitInput"/>s to the session's loop. The current connection is
/// published through <see cref="Client"/> for the loop's actions and detail fetches (null while disconnected).
/// </remarks>
internal sealed class MonitFeed(OdClientOptions options, Action<MonitInput> post, TimeProvider time)
{
    /// <summary>The topics the dashboard listens to.</summary>
    public static readonly IReadOnlyList<string> Topics = ["process:*", "app:*", "health:*", "metric:snapshot"];

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    private OdClient? _client;

    /// <summary>The connection in use, or null while there is none.</summary>
    public OdClient? Client => Volatile.Read(ref _client);

    /// <param name="first">A connection the command already opened (it proved a daemon runs).</param>
    /// <param name="cancellationToken">Quits.</param>
    public async Task RunAsync(OdClient first, CancellationToken cancellationToken)
    {
        DateTimeOffset? startedAt = null;
        var lost = false;
        OdClient? next = first;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var client = next ?? await OdClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
                next = null;
                var status = await client.GetStatusAsync(cancellationToken).ConfigureAwait(false);
                var list = await client.ListAsync(cancellationToken).ConfigureAwait(false);
                var metrics = await client.GetMetricsAsync([], cancellationToken).ConfigureAwait(false);
                var history = await RecentHistoryAsync(client, metrics, cancellationToken).ConfigureAwait(false);
                var note = !lost ? null : startedAt is { } before && before != status.StartedAt ? "daemon restarted: reconnected" : "reconnected to the daemon";
                startedAt = status.StartedAt;
                post(new MonitInput.Changed(model =>
                {
                    var updated = MonitUpdates.WithHistory(MonitUpdates.WithMetrics(MonitUpdates.WithProcesses(MonitUpdates.WithStatus(model, status), list.Processes), metrics), history) with { Connected = true };
                    return note is null ? updated : MonitUpdates.WithMessage(updated, note, error: false);
                }));
                Volatile.Write(ref _client, client);
                post(new MonitInput.Connected());
                lost = false;
                await PumpEventsAsync(client, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                // Lost or refused: the dashboard says so and tries again. Any other failure is shown, not fatal.
                if (error is not Contracts.Errors.DaemonException)
                {
                    post(new MonitInput.Changed(model => MonitUpdates.WithMessage(model, $"{error.GetType().Name}: {error.Message}", error: true)));
                }
            }
            finally
            {
                Volatile.Write(ref _client, null);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            lost = true;
            post(new MonitInput.Changed(model => model with { Connected = false }));
            await Task.Delay(ReconnectDelay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PumpEventsAsync(OdClient client, CancellationToken cancellationToken)
    {
        var listDue = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var refresher = RefreshListAsync(client, listDue.Reader, stop.Token);
        try
        {
            await foreach (var received in client.SubscribeEventsAsync(Topics, cancellationToken).ConfigureAwait(false))
            {
                if (received.Event == "metric:snapshot")
                {
                    if (received.Data.Deserialize(ContractsJsonContext.Default.MetricSnapshot) is { } snapshot)
                    {
                        post(new MonitInput.Changed(model => MonitUpdates.WithMetrics(model, snapshot)));
                        post(new MonitInput.DetailDue());
                    }

                    // The first list is read before the subscription exists: a state change in between would be
                    // missed until the next event. Each metrics pass refreshes the list too, so the table converges.
                    listDue.Writer.TryWrite(true);
                }
                else if (received.Event == EventNotification.ClosedTopic)
                {
                    return; // fell behind: start over with a fresh list on a new connection
                }
                else
                {
                    listDue.Writer.TryWrite(true);
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await refresher.ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or Contracts.Errors.DaemonException)
            {
                // Stopped with the subscription, or the connection ended under it: the outer loop reconnects.
            }
        }
    }

    private async Task RefreshListAsync(OdClient client, ChannelReader<bool> due, CancellationToken cancellationToken)
    {
        while (await due.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.TryRead(out _);
            var list = await client.ListAsync(cancellationToken).ConfigureAwait(false);
            post(new MonitInput.Changed(model => MonitUpdates.WithProcesses(model, list.Processes)));
            post(new MonitInput.DetailDue());
        }
    }

    /// <summary>The passes a sparkline can show, from the daemon's history; null when it has none to give.</summary>
    private static async Task<MetricHistory?> RecentHistoryAsync(OdClient client, MetricSnapshot metrics, CancellationToken cancellationToken)
    {
        if (metrics.IntervalMs <= 0)
        {
            return null;
        }

        var range = TimeSpan.FromMilliseconds(Math.Min(metrics.IntervalMs * MetricSeries.Capacity, metrics.RetentionMs));
        try
        {
            return await client.GetMetricHistoryAsync([], range, TimeSpan.FromMilliseconds(metrics.IntervalMs), cancellationToken).ConfigureAwait(false);
        }
        catch (Contracts.Errors.DaemonException error) when (error.Code is Contracts.Errors.ErrorCode.InvalidParams or Contracts.Errors.ErrorCode.MethodNotFound)
        {
            return null; // an older daemon, or a history it refuses: the sparklines fill as passes arrive
        }
    }

    /// <summary>One screen's data, for <c>--once</c> (no loop, no subscription): the figures of one pass and the selected app's recent lines.</summary>
    public static async Task<MonitModel> LoadOnceAsync(OdClient client, MonitModel model, int logLines, CancellationToken cancellationToken)
    {
        var status = await client.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        var list = await client.ListAsync(cancellationToken).ConfigureAwait(false);
        MetricSnapshot metrics = await client.GetMetricsAsync([], cancellationToken).ConfigureAwait(false);
        var history = await RecentHistoryAsync(client, metrics, cancellationToken).ConfigureAwait(false);
        model = MonitUpdates.WithHistory(MonitUpdates.WithMetrics(MonitUpdates.WithProcesses(MonitUpdates.WithStatus(model, status), list.Processes), metrics), history);
        if (model.Selected is not { } selected)
        {
            return model;
        }

        var recent = await client.SearchLogsAsync(new LogSearchParams { Targets = [selected.Name], Limit = logLines }, cancellationToken).ConfigureAwait(false);
        return MonitUpdates.WithLogs(model, recent.Entries);
    }
}
