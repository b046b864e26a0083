using System.CommandLine;
using OpenDaemon.Cli.DaemonControl;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands.Config;

/// <summary>
/// <c>od init</c>: write a commented starter configuration for the current directory (the template
/// comes from the configuration system, in <c>od-daemon init</c>).
/// </summary>
internal static class InitCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var format = new Option<string>("--format", "-f") { Description = "yaml, json or ts", DefaultValueFactory = _ => "yaml" };
        format.AcceptOnlyFromAmong("yaml", "json", "ts");
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file of the same name" };
        var command = new Command("init", "Write a starter opendaemon.config file here") { format, force };
        CommandActions.Set(command, globals, async context =>
        {
            List<string> arguments = ["--format", context.Parse.GetRequiredValue(format)];
            if (context.Parse.GetValue(force))
            {
                arguments.Add("--force");
            }

            var result = await OfflineCommandRunner.RunAsync("init", arguments, ContractsJsonContext.Default.InitResult, context.Cancellation).ConfigureAwait(false);
            context.Output.JsonResult(result, ContractsJsonContext.Default.InitResult);
            context.Output.Line($"{context.Output.Green("created")} {result.File}");
            context.Output.Line(context.Output.Dim("next: edit it, check it with 'od validate', then start it with 'od start'"));
            return CliOutput.Success;
        });
        return command;
    }
}
