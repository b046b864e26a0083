using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// <c>od set &lt;name&gt; &lt;key&gt; &lt;value&gt;</c>: set one environment variable of an app.
/// The daemon keeps it with the app; running instances see it from their next restart, which the
/// daemon's notes say.
/// </summary>
internal static class SetCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var target = new Argument<string>("name") { Description = "App name" };
        var key = new Argument<string>("key") { Description = "Environment variable name" };
        var value = new Argument<string>("value") { Description = "Its value" };
        var command = new Command("set", "Set an environment variable of an app (used from its next restart)") { target, key, value };
        CommandActions.Set(command, globals, async context =>
        {
            var name = context.Parse.GetRequiredValue(target);
            var variable = context.Parse.GetRequiredValue(key);
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var answer = await client.SetAsync(name, variable, context.Parse.GetRequiredValue(value), context.Cancellation).ConfigureAwait(false);
            var output = context.Output;
            output.JsonResult(answer, ContractsJsonContext.Default.ProcessList);
            if (answer.Notes is { Count: > 0 } notes)
            {
                ProcessListWriter.WriteNotes(output, notes);
            }
            else
            {
                output.Line($"{output.Green("set")} {variable} for {name}");
            }

            return CliOutput.Success;
        });
        return command;
    }
}
