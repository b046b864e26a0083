using System.CommandLine;
using OpenDaemon.Cli.DaemonControl;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands.Config;

/// <summary>
/// <c>od validate [FILE]</c>: every problem of a configuration at once, with file, line and path,
/// or a summary of what it defines. Runs locally, no daemon needed: the checking is done by
/// <c>od-daemon validate</c> (see <see cref="OfflineCommandRunner"/>). Exit 0 only when valid.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var file = new Argument<string?>("file") { Description = "Configuration file (default: discovered in the current directory)", Arity = ArgumentArity.ZeroOrOne };
        var environment = new Option<string?>("--env") { Description = "Select env_<name> blocks, as PM2 does (e.g. --env production)" };
        var command = new Command("validate", "Check a configuration file and report every problem") { file, environment };
        CommandActions.Set(command, globals, async context =>
        {
            var arguments = new List<string>();
            if (context.Parse.GetValue(file) is { } path)
            {
                arguments.Add(Path.GetFullPath(path));
            }

            if (context.Parse.GetValue(environment) is { } name)
            {
                arguments.AddRange(["--env", name]);
            }

            var result = await OfflineCommandRunner.RunAsync("validate", arguments, ContractsJsonContext.Default.ValidateResult, context.Cancellation).ConfigureAwait(false);
            var output = context.Output;
            output.JsonResult(result, ContractsJsonContext.Default.ValidateResult);
            foreach (var warning in result.Warnings)
            {
                output.Line(output.Yellow($"warning: {warning}"));
            }

            if (!result.Valid)
            {
                foreach (var problem in result.Problems)
                {
                    output.Line(output.Red(problem));
                }

                output.Line();
                output.Line($"{output.Red("CONFIG_VALIDATION_ERROR")}: {Plural(result.Problems.Count, "problem")} in {result.File}");
                return CliOutput.Failure;
            }

            output.Line($"{output.Green("valid")}: {result.File} {output.Dim($"({result.Format})")}");
            output.Line($"  {Plural(result.Apps.Count, "app")}{(result.Apps.Count == 0 ? "" : ": " + string.Join(", ", result.Apps))}");
            if (result.PluginSettings.Count > 0)
            {
                output.Line($"  plugin settings: {string.Join(", ", result.PluginSettings)}");
            }

            return CliOutput.Success;
        });
        return command;
    }

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
