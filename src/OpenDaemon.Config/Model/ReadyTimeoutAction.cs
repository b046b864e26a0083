namespace OpenDaemon.Config.Model;

/// <summary>What happens when <c>readyTimeout</c> passes without the app reporting ready (config key <c>readyTimeoutAction</c>).</summary>
public enum ReadyTimeoutAction
{
    /// <summary>The run is stopped and the instance is <c>errored</c> (od's default: silence is a failure).</summary>
    Fail,

    /// <summary>
    /// The run counts as ready and goes online anyway, as PM2 does after <c>listen_timeout</c>; a failing
    /// health check still keeps it from going online. PM2's <c>wait_ready</c> sets this.
    /// </summary>
    Online,
}
