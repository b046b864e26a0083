namespace OpenDaemon.Plugins.Scheduler;

/// <summary>
/// The wait before retry <c>n</c> of a failed job run (<c>cronRetry</c>): 1 s, 2 s, 4 s, ... doubling,
/// at most 5 minutes — quick enough for a flaky network call, slow enough not to hammer what failed.
/// </summary>
internal static class RetryBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    /// <summary>The wait before the retry that follows failed attempt <paramref name="failedAttempt"/> (1 = the scheduled run).</summary>
    public static TimeSpan Before(int failedAttempt) =>
        TimeSpan.FromTicks(Math.Min(Max.Ticks, First.Ticks << Math.Min(failedAttempt - 1, 20)));
}
