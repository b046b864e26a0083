using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary><c>od env &lt;name|id&gt;</c>: the environment the app's instances get, secrets masked.</summary>
internal static class EnvCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var target = new Argument<string>("target") { Description = "App name or instance id" };
        var command = new Command("env", "Show the environment an app runs with (secrets masked)") { target };
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var environment = await client.EnvAsync(context.Parse.GetRequiredValue(target), context.Cancellation).ConfigureAwait(false);
            context.Output.JsonResult(environment, ContractsJsonContext.Default.ProcessEnvironment);
            foreach (var line in ProcessEnvironmentView.Render(environment, context.Output))
            {
                context.Output.Line(line);
            }

            return CliOutput.Success;
        });
        return command;
    }
}
