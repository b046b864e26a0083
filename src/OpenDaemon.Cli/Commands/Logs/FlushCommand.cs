using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands.Logs;

/// <summary><c>od flush [name|id|all...]</c>: write the lines the log manager still buffers to disk now.</summary>
internal static class FlushCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = new Argument<string[]>("targets") { Description = "App names, instance ids or all (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("flush", "Write buffered log lines to disk now (they are flushed every 100 ms anyway)") { targets };
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var result = await client.FlushLogsAsync(context.Parse.GetValue(targets) ?? [], context.Cancellation).ConfigureAwait(false);
            context.Output.JsonResult(result, ContractsJsonContext.Default.LogFlushResult);
            context.Output.Line($"flushed {result.Files.Count} log file{(result.Files.Count == 1 ? "" : "s")}");
            foreach (var file in result.Files)
            {
                context.Output.Line(context.Output.Dim($"  {file}"));
            }

            return CliOutput.Success;
        });
        return command;
    }
}
