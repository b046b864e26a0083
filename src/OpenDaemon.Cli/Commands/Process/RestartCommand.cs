using System.CommandLine;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary><c>od restart &lt;targets...&gt;</c>: stop then start instances (stopped ones are started).</summary>
internal static class RestartCommand
{
    public static Command Create(GlobalOptions globals) =>
        TargetCommand.Create(globals, "restart", "Restart apps (by name, id, or all)", (client, targets, ct) => client.RestartAsync(targets, ct));
}
