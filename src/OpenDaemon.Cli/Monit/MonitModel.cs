using OpenDaemon.Contracts.Logs;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Monit;

/// <summary>
/// Everything <c>od monit</c> shows, as one immutable value: the session's loop owns the current model and
/// replaces it on every key, event and tick; the renderer turns it into screen lines without any I/O.
/// </summary>
internal sealed record MonitModel
{
    /// <summary>How many log lines are kept for the logs pane.</summary>
    public const int LogCapacity = 500;

    public MonitHeader Header { get; init; } = new();

    /// <summary>The process table, ordered by id (from <c>process.list</c>, refreshed on process events).</summary>
    public IReadOnlyList<ProcessSummary> Processes { get; init; } = [];

    /// <summary>The latest metrics pass per instance id (from <c>metric:snapshot</c>).</summary>
    public IReadOnlyDictionary<int, ProcessMetrics> Metrics { get; init; } = new Dictionary<int, ProcessMetrics>();

    /// <summary>Samples received since the dashboard opened, per instance id (the sparklines).</summary>
    public IReadOnlyDictionary<int, MetricSeries> History { get; init; } = new Dictionary<int, MetricSeries>();

    /// <summary>The selected instance's id; stays on that instance when rows come and go.</summary>
    public int? SelectedId { get; init; }

    /// <summary><c>process.info</c> of the selected instance (health with its last check, details view); may lag the selection.</summary>
    public ProcessDetail? SelectedDetail { get; init; }

    /// <summary>Recent log lines of the logs pane's scope, oldest first.</summary>
    public IReadOnlyList<LogEntry> Logs { get; init; } = [];

    public LogPaneState LogPane { get; init; } = new();

    /// <summary>Only apps whose name contains this (case-insensitive) are listed; empty for all.</summary>
    public string Filter { get; init; } = string.Empty;

    public MonitView View { get; init; } = MonitView.Dashboard;

    public MonitPrompt Prompt { get; init; } = MonitPrompt.None;

    /// <summary>A line about the last action ("restarted api"), or null.</summary>
    public string? Message { get; init; }

    public bool MessageIsError { get; init; }

    /// <summary>False while the connection to the daemon is lost and the session reconnects.</summary>
    public bool Connected { get; init; } = true;

    /// <summary>The time uptimes and "last check" ages are measured against (the 1 s tick advances it).</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>The zone log timestamps are shown in (local; tests fix it).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>The rows the table shows: <see cref="Processes"/> whose app name matches <see cref="Filter"/>.</summary>
    public IReadOnlyList<ProcessSummary> Visible => Filter.Length == 0
        ? Processes
        : Processes.Where(process => process.Name.Contains(Filter, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The selected row: the one with <see cref="SelectedId"/> when visible, else the first visible row.</summary>
    public ProcessSummary? Selected
    {
        get
        {
            var visible = Visible;
            return visible.FirstOrDefault(process => process.Id == SelectedId) ?? (visible.Count > 0 ? visible[0] : null);
        }
    }
}
