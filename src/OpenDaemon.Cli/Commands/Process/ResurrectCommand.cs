using System.CommandLine;
using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary><c>od resurrect</c>: start the apps saved by <c>od save</c>. Starts the daemon on demand.</summary>
internal static class ResurrectCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("resurrect", "Start the apps saved by 'od save'");
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: true).ConfigureAwait(false);
            var restored = await client.ResurrectAsync(context.Cancellation).ConfigureAwait(false);
            // Notes with nothing restored say why (the saved apps are already running): no
            // "nothing was saved" then.
            var empty = restored.Notes is { Count: > 0 }
                ? "nothing to restore"
                : "nothing to restore: no apps were saved ('od save' saves the running ones)";
            ProcessListWriter.Write(context.Output, restored, empty);
            return CliOutput.Success;
        });
        return command;
    }
}
