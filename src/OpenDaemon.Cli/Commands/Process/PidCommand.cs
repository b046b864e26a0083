using System.CommandLine;
using System.Globalization;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// PM2's <c>pid [name]</c>: the pids of an app's running instances (of every app without a name), one per
/// line, for scripts (<c>kill -USR2 $(od pid api)</c>). Instances that do not run print nothing.
/// </summary>
internal static class PidCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var target = new Argument<string?>("name") { Description = "App name, instance id or namespace (default: every app)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("pid", "Print the pids of an app's running instances, one per line") { target };
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            IReadOnlyList<ProcessSummary> processes = context.Parse.GetValue(target) is { } name
                ? [.. (await client.InfoAsync(name, context.Cancellation).ConfigureAwait(false)).Processes.Select(detail => detail.Summary)]
                : (await client.ListAsync(context.Cancellation).ConfigureAwait(false)).Processes;
            var pids = processes.Where(process => process.Pid is not null).Select(process => process.Pid!.Value).ToList();
            context.Output.JsonResult(pids, CliJsonContext.Default.ListInt32);
            if (!context.Output.Json)
            {
                foreach (var pid in pids)
                {
                    context.Output.Line(pid.ToString(CultureInfo.InvariantCulture));
                }
            }

            return CliOutput.Success;
        });
        return command;
    }
}
