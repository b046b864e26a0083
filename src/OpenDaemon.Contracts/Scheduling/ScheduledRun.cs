namespace OpenDaemon.Contracts.Scheduling;

/// <summary>One firing of a schedule and what came of it.</summary>
public sealed record ScheduledRun
{
    /// <summary>The occurrence that fired (null for a retry or a catch-up run at start-up).</summary>
    public DateTimeOffset? ScheduledFor { get; init; }

    /// <summary>When the run was started (or skipped).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended; null while it runs.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Exit code, when it exited with one.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Signal name, when a signal ended it.</summary>
    public string? Signal { get; init; }

    /// <summary>Milliseconds from start to end.</summary>
    public long? DurationMs { get; init; }

    /// <summary>1 for the scheduled run, 2 and up for its retries.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary><c>running</c>, <c>succeeded</c>, <c>failed</c>, <c>skipped</c> (the previous run was still running) or <c>restarted</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>Why, for skips and catch-up runs.</summary>
    public string? Note { get; init; }
}
