using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// <c>od list</c> (aliases <c>ls</c>, <c>status</c>, and PM2's <c>l</c>, <c>ps</c>): the process table, in one round trip.
/// Starts the daemon on demand, as PM2 users expect: an empty table rather than an error.
/// </summary>
internal static class ListCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("list", "Show the process table: id, name, mode, pid, status, restarts, uptime, cpu, mem, user");
        command.Aliases.Add("ls");
        command.Aliases.Add("status");
        command.Aliases.Add("l");
        command.Aliases.Add("ps");
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: true).ConfigureAwait(false);
            if (context.Output.Json)
            {
                // The fast path scripts poll: the answer is printed as the daemon sent it.
                var raw = await client.InvokeAsync(RpcMethods.ProcessList, CliJsonContext.Default.JsonElement, context.Cancellation).ConfigureAwait(false);
                context.Output.RawJsonResult(raw);
                return CliOutput.Success;
            }

            ProcessListWriter.Write(context.Output, await client.ListAsync(context.Cancellation).ConfigureAwait(false));
            return CliOutput.Success;
        });
        return command;
    }
}
