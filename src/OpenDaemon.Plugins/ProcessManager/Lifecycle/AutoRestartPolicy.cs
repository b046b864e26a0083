using System.Globalization;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// What follows a run that ended without anyone asking (spec §3.1): <c>autoRestart</c>, the
/// <c>maxRestarts</c> limit on unstable runs in a row, and the backoff delay. Pure: the actor applies the plan.
/// </summary>
internal static class AutoRestartPolicy
{
    /// <summary>Whether an exit the user did not ask for is followed by an automatic restart.</summary>
    /// <param name="policy">The app's <c>autoRestart</c>.</param>
    /// <param name="cleanExit">Exit code 0 and no signal.</param>
    public static bool ShouldRestart(RestartPolicy policy, bool cleanExit) => policy switch
    {
        // The daemon never restarts an app a user stopped, so unless-stopped behaves as always
        // (it is accepted for people coming from Docker).
        RestartPolicy.Always or RestartPolicy.UnlessStopped => true,
        RestartPolicy.OnFailure => !cleanExit,
        _ => false,
    };

    /// <summary>After a crash, a clean exit, or a watchdog kill (<paramref name="reason"/> says which, when it was not the exit itself).</summary>
    /// <param name="config">The app's configuration.</param>
    /// <param name="exit">How the run's main process ended.</param>
    /// <param name="reason">Why the run was ended by the daemon (the watchdog), or null for an exit of its own.</param>
    /// <param name="unstableRun">The run never went online or ran less than <c>minUptime</c>.</param>
    /// <param name="unstable">Unstable runs in a row before this one.</param>
    /// <param name="random">A number in [0, 1) for the backoff jitter, asked only when a delay is computed.</param>
    public static RestartPlan AfterExit(ProcessConfig config, ProcessExit exit, string? reason, bool unstableRun, int unstable, Func<double> random)
    {
        var clean = exit.ExitCode == 0 && exit.Signal is null && reason is null;
        var what = reason ?? exit.ToString();
        unstable = unstableRun ? unstable + 1 : 0;
        var settled = clean ? ProcessState.Stopped : ProcessState.Errored;
        if (!ShouldRestart(config.AutoRestart, clean))
        {
            return new RestartPlan(settled, $"{what}; autoRestart is {ConfigNames.Of(config.AutoRestart)}, so it is not restarted", unstable, Delay: null);
        }

        if (unstableRun && unstable >= config.MaxRestarts)
        {
            return new RestartPlan(ProcessState.Errored, $"{what}; it exited before minUptime ({Seconds(config.MinUptime)}s) {unstable} times in a row (maxRestarts {config.MaxRestarts}), so it is not restarted until you start it again", unstable, Delay: null);
        }

        var delay = RestartBackoffCalculator.Delay(config, unstable, random());
        return new RestartPlan(settled, $"{what}; restarting in {Seconds(delay)}s", unstable, delay);
    }

    // A health restart counts as a restart, and as an unstable run when the app never became healthy
    // (never online) or ran less than minUptime: so an app that never gets healthy is restarted with
    // the usual backoff and ends errored after maxRestarts, like one that crashes at start.

    /// <summary>After a run stopped because its health check reached the failure threshold with action restart.</summary>
    /// <param name="config">The app's configuration.</param>
    /// <param name="reason">Why the run was stopped.</param>
    /// <param name="unstableRun">The run never went online or ran less than <c>minUptime</c>.</param>
    /// <param name="unstable">Unstable runs in a row before this one.</param>
    /// <param name="random">A number in [0, 1) for the backoff jitter.</param>
    public static RestartPlan AfterHealthFailure(ProcessConfig config, string reason, bool unstableRun, int unstable, Func<double> random)
    {
        unstable = unstableRun ? unstable + 1 : 0;
        if (unstableRun && unstable >= config.MaxRestarts)
        {
            return new RestartPlan(ProcessState.Errored, $"{reason}; it failed before becoming healthy or within minUptime ({Seconds(config.MinUptime)}s) {unstable} times in a row (maxRestarts {config.MaxRestarts}), so it is not restarted until you start it again", unstable, Delay: null);
        }

        var delay = RestartBackoffCalculator.Delay(config, unstable, random());
        return delay <= TimeSpan.Zero
            ? new RestartPlan(ProcessState.Stopped, reason, unstable, TimeSpan.Zero) { Immediately = true }
            : new RestartPlan(ProcessState.Errored, $"{reason} in {Seconds(delay)}s", unstable, delay);
    }

    // A spawn that failed for lack of a system resource (EMFILE, ENFILE, EAGAIN, ENOMEM, ENOBUFS) says
    // nothing about the app, so it neither counts against maxRestarts nor depends on autoRestart: the
    // start that was asked for is retried until it happens. The delay is the app's backoff for the
    // attempt, but never less than TransientFloor doubling per attempt up to TransientCap, so that an
    // app with restartDelay 0 cannot spin on a machine that is out of file descriptors.

    /// <summary>The first retry after a transient spawn failure comes at least this late.</summary>
    public static readonly TimeSpan TransientFloor = TimeSpan.FromMilliseconds(100);

    /// <summary>The floor stops doubling here (the app's own backoff may be longer).</summary>
    public static readonly TimeSpan TransientCap = TimeSpan.FromSeconds(30);

    /// <summary>After a spawn attempt failed for a cause that should pass (see <see cref="SpawnFailure"/>).</summary>
    /// <param name="config">The app's configuration.</param>
    /// <param name="error">Why the spawn failed.</param>
    /// <param name="attempt">Failed spawn attempts in a row, this one included (1 for the first).</param>
    /// <param name="unstable">Unstable runs in a row, kept as they are.</param>
    /// <param name="random">A number in [0, 1) for the backoff jitter.</param>
    public static RestartPlan AfterSpawnFailure(ProcessConfig config, string error, int attempt, int unstable, Func<double> random)
    {
        var own = RestartBackoffCalculator.Delay(config, attempt, random());
        var floor = TimeSpan.FromMilliseconds(Math.Min(TransientFloor.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20)), TransientCap.TotalMilliseconds));
        var delay = own > floor ? own : floor;
        return new RestartPlan(ProcessState.Errored, $"could not start: {error}; retrying in {Seconds(delay)}s (attempt {attempt})", unstable, delay);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.CurrentCulture);
}
