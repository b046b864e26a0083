using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// How long to wait before an automatic restart. The attempt number counts the unstable
/// runs in a row (1 for the first); a run that lasted <c>minUptime</c> resets it to 0, and then the
/// plain <c>restartDelay</c> applies whatever the strategy.
/// </summary>
internal static class RestartBackoffCalculator
{
    /// <summary>Base delay of the growing strategies when <c>restartDelay</c> is 0 (PM2 uses 100 ms too).</summary>
    public static readonly TimeSpan GrowingBase = TimeSpan.FromMilliseconds(100);

    /// <summary>Exponential delays vary by ±15 % so that apps crashing together do not restart in lockstep.</summary>
    public const double Jitter = 0.15;

    /// <param name="config">The app's restart settings.</param>
    /// <param name="attempt">Unstable runs in a row, 0 after a stable run.</param>
    /// <param name="random">A number in [0, 1) for the jitter.</param>
    public static TimeSpan Delay(ProcessConfig config, int attempt, double random)
    {
        if (attempt <= 0 || config.RestartStrategy == RestartBackoff.Fixed)
        {
            return config.RestartDelay;
        }

        var baseDelay = config.RestartDelay > TimeSpan.Zero ? config.RestartDelay : GrowingBase;
        var cap = config.MaxRestartDelay > TimeSpan.Zero ? config.MaxRestartDelay : TimeSpan.MaxValue;
        double milliseconds = config.RestartStrategy switch
        {
            RestartBackoff.Linear => baseDelay.TotalMilliseconds * attempt,
            // 2^(attempt-1), computed in double so a long crash loop cannot overflow.
            _ => baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 40)) * (1 - Jitter + (2 * Jitter * random)),
        };
        return milliseconds >= cap.TotalMilliseconds ? cap : TimeSpan.FromMilliseconds(milliseconds);
    }
}
