namespace OpenDaemon.Contracts.Scheduling;

/// <summary>Answer of <c>schedule.list</c> (<c>od cron</c>): every app with a <c>cron</c> schedule.</summary>
/// <param name="Apps">The scheduled apps, by name.</param>
public sealed record ScheduleList(IReadOnlyList<ScheduledApp> Apps);
