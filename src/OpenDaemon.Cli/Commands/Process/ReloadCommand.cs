using System.CommandLine;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// <c>od reload &lt;targets...&gt; [--update-env]</c>: zero-downtime reload of cluster-mode apps, one instance
/// at a time (a new run starts beside the old one, which is stopped once the new one is ready); fork-mode apps
/// are restarted, with a note, as PM2 does. A new run that never becomes ready stops the reload: the command
/// fails with RELOAD_FAILED saying which instance and why, and the old runs keep serving.
/// </summary>
internal static class ReloadCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var updateEnv = new Option<bool>("--update-env", "-a") { Description = "Take this shell's environment (the app's own env and od set values still win)" };
        return TargetCommand.Create(
            globals,
            "reload",
            "Zero-downtime reload of apps in cluster mode, one instance at a time (fork mode: restart)",
            (client, targets, parse, ct) => client.ReloadAsync(targets, parse.GetValue(updateEnv) ? RestartCommand.CallerEnvironment() : null, ct),
            [updateEnv]);
    }
}
