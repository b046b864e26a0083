using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Config;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Config;

/// <summary><c>od init</c>: write a commented starter configuration for the current directory.</summary>
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
            var directory = Directory.GetCurrentDirectory();
            var (configFormat, fileName) = context.Parse.GetRequiredValue(format) switch
            {
                "json" => (ConfigFormat.Json, "opendaemon.config.json"),
                "ts" => (ConfigFormat.TypeScript, "opendaemon.config.ts"),
                _ => (ConfigFormat.Yaml, "opendaemon.config.yaml"),
            };
            var path = Path.Combine(directory, fileName);
            if (File.Exists(path) && !context.Parse.GetValue(force))
            {
                throw new DaemonException(ErrorCode.ConfigExists, $"{path} already exists", "edit it, or pass --force to overwrite it");
            }

            await File.WriteAllTextAsync(path, ConfigTemplates.Create(configFormat, directory), context.Cancellation).ConfigureAwait(false);
            context.Output.JsonResult(new InitOutput(path, configFormat.ToString()), CliJsonContext.Default.InitOutput);
            context.Output.Line($"{context.Output.Green("created")} {path}");
            context.Output.Line(context.Output.Dim("next: edit it, check it with 'od validate', then start it with 'od start'"));
            return CliOutput.Success;
        });
        return command;
    }
}
