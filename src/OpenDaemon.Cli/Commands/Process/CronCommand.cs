using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary><c>od cron [names...]</c>: every app with a cron schedule, its next run and its last run.</summary>
internal static class CronCommand
{
    public static System.CommandLine.Command Create(GlobalOptions globals)
    {
        var names = new System.CommandLine.Argument<string[]>("names") { Description = "Only these apps (default: every scheduled app)", Arity = System.CommandLine.ArgumentArity.ZeroOrMore };
        var command = new System.CommandLine.Command("cron", "List the apps that run on a cron schedule, with their next and last runs") { names };
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var list = await client.ScheduleListAsync(context.Parse.GetValue(names), context.Cancellation).ConfigureAwait(false);
            var output = context.Output;
            output.JsonResult(list, ContractsJsonContext.Default.ScheduleList);
            if (output.Json)
            {
                return CliOutput.Success;
            }

            if (list.Apps.Count == 0)
            {
                output.Line("no app has a cron schedule (set 'cron' on an app: docs/scheduling.md)");
                return CliOutput.Success;
            }

            foreach (var line in ScheduleView.Table(list, output, DateTimeOffset.UtcNow))
            {
                output.Line(line);
            }

            return CliOutput.Success;
        });
        return command;
    }
}
