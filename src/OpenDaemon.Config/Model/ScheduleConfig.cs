namespace OpenDaemon.Config.Model;

/// <summary>
/// A cron schedule (spec §3.9), read from the app's flat keys <c>cron</c>, <c>cronTimezone</c>,
/// <c>cronOverlap</c>, <c>cronRetry</c> and <c>cronCatchUp</c> (PM2 <c>cron_restart</c>).
/// </summary>
public sealed record ScheduleConfig
{
    /// <summary>Cron expression: 5 fields, 6 with seconds, or <c>@daily</c> and friends.</summary>
    public required string Cron { get; init; }

    /// <summary>IANA time zone, or null for the daemon's local zone.</summary>
    public string? Timezone { get; init; }

    /// <summary>Allow a new run while the previous one is still running; default false (the new run is skipped).</summary>
    public bool AllowOverlap { get; init; }

    /// <summary>Retries after a failed run; default 0.</summary>
    public int Retry { get; init; }

    /// <summary>
    /// A run missed while the daemon was down runs once at start-up (<c>cronCatchUp: true</c>);
    /// default false: missed runs are skipped and the schedule goes on from now.
    /// </summary>
    public bool CatchUp { get; init; }
}
