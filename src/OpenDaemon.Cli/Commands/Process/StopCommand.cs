using System.CommandLine;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary><c>od stop &lt;targets...&gt;</c>: stop instances; no automatic restart follows.</summary>
internal static class StopCommand
{
    public static Command Create(GlobalOptions globals) =>
        TargetCommand.Create(globals, "stop", "Stop apps (by name, id, or all); they stay in the list", (client, targets, ct) => client.StopAsync(targets, ct));
}
