using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary><c>od save</c>: write the process list to dump.json, for <c>od resurrect</c> and <c>od daemon start --resurrect</c>.</summary>
internal static class SaveCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("save", "Save the process list, to be restored by 'od resurrect' (alias: dump)");
        command.Aliases.Add("dump");
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var saved = await client.SaveAsync(context.Cancellation).ConfigureAwait(false);
            context.Output.JsonResult(saved, ContractsJsonContext.Default.ProcessSaveResult);
            context.Output.Line($"{context.Output.Green("saved")} {Count.Apps(saved.Apps, saved.Instances)} to {saved.Path}");
            return CliOutput.Success;
        });
        return command;
    }
}
