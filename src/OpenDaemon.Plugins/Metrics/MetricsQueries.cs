using System.Globalization;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.Metrics.Collection;
using OpenDaemon.Plugins.Metrics.Export;

namespace OpenDaemon.Plugins.Metrics;

/// <summary>
/// What <c>metric.snapshot</c>, <c>metric.history</c> and <c>metric.exposition</c> answer, from the
/// collector's latest pass and history: targets are resolved by the process manager (PROCESS_NOT_FOUND for
/// a name that matches nothing); a history range beyond the retention is INVALID_PARAMS naming the retention.
/// </summary>
internal sealed class MetricsQueries(MetricsCollector collector, Func<IProcessManager?> processes)
{
    public MetricSnapshot Snapshot(MetricQueryParams query)
    {
        var frame = collector.Latest;
        var ids = Resolve(query.Targets);
        return new MetricSnapshot
        {
            At = frame?.At,
            IntervalMs = (long)collector.Settings.Interval.TotalMilliseconds,
            RetentionMs = (long)collector.Settings.Retention.TotalMilliseconds,
            HistoryBytes = collector.History.TotalBytes,
            System = ids is null ? frame?.System : null,
            Processes = frame is null ? [] : Filter(frame, ids),
        };
    }

    public MetricExposition Exposition(MetricQueryParams query)
    {
        var ids = Resolve(query.Targets);
        var frame = collector.Latest;
        return new MetricExposition(
            PrometheusText.ContentType,
            frame is null ? string.Empty : PrometheusText.Render(frame, Filter(frame, ids), includeSystem: ids is null),
            (long)collector.Settings.Interval.TotalMilliseconds);
    }

    public MetricHistory History(MetricQueryParams query)
    {
        var settings = collector.Settings;
        var retention = settings.Retention;
        var range = query.RangeMs is { } rangeMs ? TimeSpan.FromMilliseconds(rangeMs) : retention;
        if (range <= TimeSpan.Zero)
        {
            throw new DaemonException(ErrorCode.InvalidParams, $"range must be positive, not {query.RangeMs} ms", "for example: {\"rangeMs\": 900000} for the last 15 minutes");
        }

        if (range > retention)
        {
            throw new DaemonException(
                ErrorCode.InvalidParams,
                $"range {Text(range)} is beyond the metrics retention of {Text(retention)}",
                "ask for a shorter range, or raise plugins.metrics-collector.retention");
        }

        var step = query.StepMs is { } stepMs ? TimeSpan.FromMilliseconds(stepMs) : settings.Interval;
        if (step < settings.Interval || step > range)
        {
            throw new DaemonException(
                ErrorCode.InvalidParams,
                $"step {Text(step)} must be between the collection interval ({Text(settings.Interval)}) and the range ({Text(range)})",
                "leave stepMs out for one point per pass");
        }

        var ids = Resolve(query.Targets);
        var frame = collector.Latest;
        var to = frame?.At ?? DateTimeOffset.UnixEpoch;
        var from = to - range;
        var history = collector.History;
        return new MetricHistory
        {
            From = from,
            To = to,
            StepMs = (long)step.TotalMilliseconds,
            RetentionMs = (long)retention.TotalMilliseconds,
            System = ids is null && frame is not null ? history.SystemPoints(from, to, step) : null,
            Processes = frame is null ? [] : [.. Filter(frame, ids).Select(row => new ProcessHistory
            {
                Id = row.Id,
                Name = row.Name,
                Instance = row.Instance,
                Points = history.Points(row.Id, from, to, step),
            })],
        };
    }

    // null = everything (and the machine); else the ids the targets name.
    private HashSet<int>? Resolve(IReadOnlyList<string>? targets)
    {
        if (targets is not { Count: > 0 })
        {
            return null;
        }

        var manager = processes() ?? throw new DaemonException(ErrorCode.PluginDependencyMissing, "the process manager is not running", "od plugin enable process-manager");
        return [.. manager.Resolve(targets).Select(instance => instance.Id)];
    }

    private static List<ProcessMetrics> Filter(MetricsFrame frame, HashSet<int>? ids) =>
        ids is null ? [.. frame.Processes] : [.. frame.Processes.Where(row => ids.Contains(row.Id))];

    private static string Text(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours}h")
        : span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes}m")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds}s");
}
