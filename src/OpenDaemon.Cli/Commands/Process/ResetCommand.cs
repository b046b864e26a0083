using System.CommandLine;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>PM2's <c>reset &lt;name|id|all&gt;</c>: set the restart counters (↺ and unstable restarts) back to 0.</summary>
internal static class ResetCommand
{
    public static Command Create(GlobalOptions globals) =>
        TargetCommand.Create(globals, "reset", "Set the restart counters of apps back to 0 (by name, id, namespace, or all)", (client, targets, ct) => client.ResetAsync(targets, ct));
}
