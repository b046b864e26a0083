using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>Whether an exit the user did not ask for is followed by an automatic restart (spec §3.1).</summary>
internal static class RestartDecision
{
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
}
