using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands.Logs;

/// <summary>
/// PM2's <c>reloadLogs</c>: close and reopen every app's log files, so that after an outside tool
/// (logrotate without copytruncate) renamed them, new lines go to new files at the configured paths.
/// </summary>
internal static class ReloadLogsCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("reloadLogs", "Reopen the apps' log files (after an outside logrotate moved them)");
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var result = await client.ReopenLogsAsync([], context.Cancellation).ConfigureAwait(false);
            context.Output.JsonResult(result, ContractsJsonContext.Default.LogFlushResult);
            context.Output.Line($"reopened {result.Files.Count} log file{(result.Files.Count == 1 ? "" : "s")}");
            return CliOutput.Success;
        });
        return command;
    }
}
