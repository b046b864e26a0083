using System.CommandLine;
using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Commands.Logs;

/// <summary>
/// <c>od flush [name|id|all...]</c>, as PM2's <c>flush</c>: empty the apps' current log files (out, error
/// and combined); rotated files stay. What od's flush did before (write buffered lines now) is
/// <c>od daemon flush</c>.
/// </summary>
internal static class FlushCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = new Argument<string[]>("targets") { Description = "App names, instance ids, namespaces or all (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("flush", "Empty the apps' log files, as PM2's flush (rotated files stay)") { targets };
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var result = await client.TruncateLogsAsync(context.Parse.GetValue(targets) ?? [], context.Cancellation).ConfigureAwait(false);
            LogFileListWriter.Write(context.Output, result, "emptied");
            return CliOutput.Success;
        });
        return command;
    }
}
