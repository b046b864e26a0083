using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Config;

namespace OpenDaemon.Cli.Commands.Config;

/// <summary>
/// <c>od validate [FILE]</c>: every problem of a configuration at once, with file, line and path,
/// or a summary of what it defines. Runs locally: no daemon needed. Exit 0 only when valid.
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
            var path = ConfigFiles.Resolve(context.Parse.GetValue(file));
            var options = new ConfigLoadOptions { EnvironmentName = context.Parse.GetValue(environment) };
            var result = await ConfigLoader.LoadAsync(path, options, context.Cancellation).ConfigureAwait(false);
            var output = context.Output;
            var apps = result.Config?.Apps.Select(app => app.Name).ToList() ?? [];

            output.JsonResult(
                new ValidateOutput(result.IsValid, result.SourcePath, result.Format.ToString(), apps, [.. result.Problems.Select(p => p.ToString())], [.. result.Warnings.Select(Describe)]),
                CliJsonContext.Default.ValidateOutput);
            foreach (var warning in result.Warnings)
            {
                output.Line(output.Yellow($"warning: {Describe(warning)}"));
            }

            if (!result.IsValid)
            {
                foreach (var problem in result.Problems)
                {
                    output.Line(output.Red(problem.ToString()));
                }

                output.Line();
                output.Line($"{output.Red("CONFIG_VALIDATION_ERROR")}: {Plural(result.Problems.Count, "problem")} in {result.SourcePath}");
                return CliOutput.Failure;
            }

            output.Line($"{output.Green("valid")}: {result.SourcePath} {output.Dim($"({result.Format})")}");
            output.Line($"  {Plural(apps.Count, "app")}{(apps.Count == 0 ? "" : ": " + string.Join(", ", apps))}");
            if (result.Config!.Plugins.Count > 0)
            {
                output.Line($"  plugin settings: {string.Join(", ", result.Config.Plugins.Keys)}");
            }

            return CliOutput.Success;
        });
        return command;
    }

    // file:line path: message, as problems are printed, so an editor can jump to it.
    private static string Describe(ConfigWarning warning) => warning.ToString();

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
