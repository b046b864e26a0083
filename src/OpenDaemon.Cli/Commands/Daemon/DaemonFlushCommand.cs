using System.CommandLine;
using OpenDaemon.Cli.Commands.Logs;
using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary>
/// <c>od daemon flush [name|id|all...]</c>: write the lines the log manager still buffers to disk now
/// (od's <c>flush</c> before <c>od flush</c> took PM2's meaning).
/// </summary>
internal static class DaemonFlushCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = new Argument<string[]>("targets") { Description = "App names, instance ids or all (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("flush", "Write buffered log lines to disk now (they are written every 100 ms anyway)") { targets };
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var result = await client.FlushLogsAsync(context.Parse.GetValue(targets) ?? [], context.Cancellation).ConfigureAwait(false);
            LogFileListWriter.Write(context.Output, result, "flushed");
            return CliOutput.Success;
        });
        return command;
    }
}
