namespace OpenDaemon.Config.Scheduling;

/// <summary>A cron expression or time zone that cannot be used; the message names what and where.</summary>
public sealed class CronScheduleException(string message) : Exception(message);
