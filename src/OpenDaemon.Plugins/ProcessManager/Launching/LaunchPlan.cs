using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Launching;

/// <summary>Everything needed to spawn one run of an instance, checked before anything is spawned.</summary>
/// <param name="Request">What the spawner executes.</param>
/// <param name="Environment">The environment with where each variable came from (for <c>od env</c>).</param>
/// <param name="User">The user the app runs as, for <c>od ls</c>.</param>
/// <param name="Backend">
/// Cluster mode's private socket of the run when the daemon relays connections to it (see
/// <see cref="Cluster.RunBackend"/>); whoever spawns the plan owns it.
/// </param>
internal sealed record LaunchPlan(SpawnRequest Request, IReadOnlyList<EnvironmentVariable> Environment, string User, Hosting.Sockets.SharedListenSocket? Backend = null)
{
    public ProcessCommandLine CommandLine => new(Request.FileName, Request.Arguments, Request.WorkingDirectory);
}
