using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>PM2's <c>cleardump</c>: empty dump.json, so that <c>od resurrect</c> and a boot restore nothing.</summary>
internal static class ClearDumpCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("cleardump", "Empty the saved process list (dump.json); the running apps are not touched");
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var cleared = await client.ClearDumpAsync(context.Cancellation).ConfigureAwait(false);
            context.Output.JsonResult(cleared, ContractsJsonContext.Default.ProcessSaveResult);
            context.Output.Line($"{context.Output.Green("cleared")} {cleared.Path}");
            return CliOutput.Success;
        });
        return command;
    }
}
