using System.CommandLine;
using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// <c>od list</c> (aliases <c>ls</c>, <c>status</c>): the process table, in one round trip.
/// Starts the daemon on demand, as PM2 users expect: an empty table rather than an error.
/// </summary>
internal static class ListCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("list", "Show the process table: id, name, mode, pid, status, restarts, uptime, cpu, mem, user");
        command.Aliases.Add("ls");
        command.Aliases.Add("status");
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: true).ConfigureAwait(false);
            ProcessListWriter.Write(context.Output, await client.ListAsync(context.Cancellation).ConfigureAwait(false));
            return CliOutput.Success;
        });
        return command;
    }
}
