using OpenDaemon.Cli.Monit.Render;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Monit;

/// <summary>How what the daemon sends changes the model: pure steps, one per kind of answer or event.</summary>
internal static class MonitUpdates
{
    public static MonitModel WithStatus(MonitModel model, DaemonStatusInfo status) =>
        model with { Header = model.Header with { Version = status.Version, DaemonStartedAt = status.StartedAt } };

    public static MonitModel WithProcesses(MonitModel model, IReadOnlyList<ProcessSummary> processes)
    {
        var sorted = processes.OrderBy(process => process.Id).ToList();
        var next = model with { Processes = sorted };
        // Keep the selection on its instance; when it is gone (deleted, scaled down) take the row now selected.
        return next with { SelectedId = next.Selected?.Id };
    }

    public static MonitModel WithMetrics(MonitModel model, MetricSnapshot snapshot)
    {
        var metrics = new Dictionary<int, ProcessMetrics>();
        var history = new Dictionary<int, MetricSeries>();
        foreach (var row in snapshot.Processes)
        {
            metrics[row.Id] = row;
            var series = model.History.GetValueOrDefault(row.Id) ?? MetricSeries.Empty;
            history[row.Id] = row.Status == ProcessState.Online ? series.Add(row.CpuPercent, row.MemoryBytes) : series;
        }

        var header = snapshot.System is { } system
            ? model.Header with { CpuPercent = system.CpuPercent, MemoryUsedBytes = system.MemoryUsedBytes, MemoryTotalBytes = system.MemoryTotalBytes }
            : model.Header;
        return model with { Metrics = metrics, History = history, Header = header };
    }

    /// <summary>
    /// Sparklines seeded from the daemon's history: a dashboard opened (or reconnected) on a daemon that has been
    /// collecting shows the recent past at once instead of filling from empty. The history's last point is the
    /// pass of the snapshot just applied, so it replaces the series rather than adding to them.
    /// </summary>
    public static MonitModel WithHistory(MonitModel model, MetricHistory? history)
    {
        if (history is null)
        {
            return model;
        }

        var series = new Dictionary<int, MetricSeries>(model.History);
        foreach (var process in history.Processes.Where(p => p.Points.Count > 0))
        {
            series[process.Id] = MetricSeries.From(process.Points);
        }

        return model with { History = series };
    }

    /// <summary>The selected instance's details, kept only while it is still the selection.</summary>
    public static MonitModel WithDetail(MonitModel model, ProcessDetail? detail) =>
        detail is null || detail.Summary.Id == model.Selected?.Id ? model with { SelectedDetail = detail } : model;

    /// <summary>Replaces the logs pane's lines (a new scope's recent lines).</summary>
    public static MonitModel WithLogs(MonitModel model, IReadOnlyList<LogEntry> entries) =>
        model with { Logs = entries.Count > MonitModel.LogCapacity ? entries.Skip(entries.Count - MonitModel.LogCapacity).ToList() : entries, LogPane = model.LogPane with { Scroll = 0 } };

    /// <summary>New lines: the pane follows them, unless paused or scrolled back, where the view stays put.</summary>
    public static MonitModel AppendLogs(MonitModel model, IReadOnlyList<LogEntry> entries)
    {
        if (entries.Count == 0)
        {
            return model;
        }

        var all = new List<LogEntry>(model.Logs.Count + entries.Count);
        all.AddRange(model.Logs);
        all.AddRange(entries);
        if (all.Count > MonitModel.LogCapacity)
        {
            all.RemoveRange(0, all.Count - MonitModel.LogCapacity);
        }

        var next = model with { Logs = all };
        if (model.LogPane.Paused || model.LogPane.Scroll > 0)
        {
            var added = MonitLogView.Scoped(next).Count - MonitLogView.Scoped(model).Count;
            var scroll = Math.Max(0, model.LogPane.Scroll + Math.Max(added, 0));
            next = next with { LogPane = model.LogPane with { Scroll = scroll } };
        }

        return next;
    }

    public static MonitModel WithMessage(MonitModel model, string message, bool error) =>
        model with { Message = message, MessageIsError = error };
}
