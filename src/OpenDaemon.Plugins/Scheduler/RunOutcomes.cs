namespace OpenDaemon.Plugins.Scheduler;

/// <summary>The outcomes a <see cref="Contracts.Scheduling.ScheduledRun"/> can have, as spelled on the wire.</summary>
internal static class RunOutcomes
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string Restarted = "restarted";
    public const string Interrupted = "interrupted";
}
