using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary><c>od info &lt;name|id&gt;</c> (aliases <c>describe</c>, <c>desc</c>, <c>show</c>): everything about each instance.</summary>
internal static class InfoCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var target = new Argument<string>("target") { Description = "App name (all its instances) or instance id" };
        var command = new Command("info", "Show an app's instances in detail: state, last exit and its stderr, config, history") { target };
        command.Aliases.Add("describe");
        command.Aliases.Add("show");
        command.Aliases.Add("desc");
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var details = await client.InfoAsync(context.Parse.GetRequiredValue(target), context.Cancellation).ConfigureAwait(false);
            details = await DetailExtras.AddAsync(client, details, context.Cancellation).ConfigureAwait(false);
            var output = context.Output;
            output.JsonResult(details, ContractsJsonContext.Default.ProcessDetailList);
            if (output.Json)
            {
                return CliOutput.Success;
            }

            var now = DateTimeOffset.UtcNow;
            for (var index = 0; index < details.Processes.Count; index++)
            {
                if (index > 0)
                {
                    output.Line();
                }

                output.Line(string.Join(System.Environment.NewLine, ProcessDetailView.Render(details.Processes[index], output, now)));
            }

            return CliOutput.Success;
        });
        return command;
    }
}
