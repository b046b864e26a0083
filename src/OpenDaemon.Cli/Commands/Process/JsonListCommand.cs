using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// PM2's <c>jlist</c> (the process list as JSON on one line) and <c>prettylist</c> (the same, indented),
/// in PM2's shape (<see cref="Pm2ProcessList"/>) so that scripts parsing PM2's output keep working;
/// <c>od ls --json</c> is od's own shape.
/// </summary>
internal static class JsonListCommand
{
    public static Command Create(GlobalOptions globals, string verb, bool indented)
    {
        var command = new Command(verb, indented ? "Print the process list as indented JSON, in PM2's jlist shape" : "Print the process list as JSON, in PM2's jlist shape");
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: true).ConfigureAwait(false);
            var list = await client.InvokeAsync(RpcMethods.ProcessList, ContractsJsonContext.Default.ProcessList, context.Cancellation).ConfigureAwait(false);
            context.Output.Document(Pm2ProcessList.Write(list, indented));
            return CliOutput.Success;
        });
        return command;
    }
}
