namespace OpenDaemon.Contracts.Scheduling;

/// <summary>One scheduled app: its expression, what a firing does, the next runs and the last ones.</summary>
public sealed record ScheduledApp
{
    /// <summary>App name.</summary>
    public required string Name { get; init; }

    /// <summary>The cron expression as written.</summary>
    public required string Cron { get; init; }

    /// <summary>The IANA zone the expression is read in.</summary>
    public required string Timezone { get; init; }

    /// <summary>
    /// <c>job</c> (<c>autoRestart: false</c>: each firing starts a run that exits) or <c>restart</c> (a
    /// long-running app restarted on the schedule, PM2's <c>cron_restart</c>).
    /// </summary>
    public required string Mode { get; init; }

    /// <summary>The next occurrences (up to 3).</summary>
    public required IReadOnlyList<DateTimeOffset> NextRuns { get; init; }

    /// <summary>The latest runs, newest first (bounded).</summary>
    public required IReadOnlyList<ScheduledRun> LastRuns { get; init; }
}
