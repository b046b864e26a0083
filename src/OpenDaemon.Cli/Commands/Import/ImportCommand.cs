using System.Collections;
using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Commands.Import;

/// <summary>
/// <c>od import pm2 [dump] [--config FILE]</c>: the apps of a PM2 dump (what <c>pm2 save</c> wrote) become od
/// apps. Without <c>--config</c> they are started at once (the daemon starts on demand); with it the od
/// configuration is written to FILE instead, to read, keep in version control and start with <c>od start FILE</c>.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var dump = new Argument<string?>("dump") { Description = "The PM2 dump (default: $PM2_HOME/dump.pm2, else ~/.pm2/dump.pm2)", Arity = ArgumentArity.ZeroOrOne };
        var config = GlobalOptions.CreateConfigOption("Write the od configuration to this file instead of starting the apps");
        var force = new Option<bool>("--force") { Description = "With --config: overwrite the file if it exists" };
        var pm2 = new Command("pm2", "Import the apps of a PM2 dump ('pm2 save'): start them, or write them to an od config with --config") { dump, config, force };
        CommandActions.Set(pm2, globals, async context =>
        {
            var path = context.Parse.GetValue(dump) ?? DefaultDumpPath();
            var result = Pm2DumpImport.Convert(path, InheritedEnvironment());
            if (result.Apps.Count == 0)
            {
                throw new DaemonException(ErrorCode.ConfigInvalid, $"{path} holds no apps", "start your apps with PM2 and run 'pm2 save', or start them with od directly");
            }

            var output = context.Output;
            if (context.Parse.GetValue(config) is { } target)
            {
                var file = Path.GetFullPath(target);
                if (File.Exists(file) && !context.Parse.GetValue(force))
                {
                    throw new DaemonException(ErrorCode.ConfigExists, $"{file} already exists", "choose another file, or pass --force to overwrite it");
                }

                await File.WriteAllTextAsync(file, result.Config, context.Cancellation).ConfigureAwait(false);
                Report(output, result, file, started: 0, warnings: null);
                output.Line($"{output.Green("wrote")} {result.Apps.Count} app{(result.Apps.Count == 1 ? "" : "s")} ({string.Join(", ", result.Apps)}) to {file}; start them with: od start {target}");
                return CliOutput.Success;
            }

            var started = await StartAsync(context, result).ConfigureAwait(false);
            Report(output, result, null, started.Processes.Count, started.Warnings);
            if (!output.Json)
            {
                ProcessListWriter.Write(output, started, "nothing was started");
                output.Line($"imported {result.Apps.Count} app{(result.Apps.Count == 1 ? "" : "s")} from {path}; run 'od save' so that 'od resurrect' and boot (od startup) restore them");
            }

            return CliOutput.Success;
        });
        return new Command("import", "Bring apps over from another process manager") { pm2 };
    }

    private static async Task<ProcessList> StartAsync(CliContext context, Pm2ImportResult result)
    {
        // The daemon reads configuration files by path; this one is needed only until the apps are registered.
        var directory = Directory.CreateTempSubdirectory("od-pm2-import-");
        try
        {
            var file = Path.Combine(directory.FullName, "pm2-import.json");
            await File.WriteAllTextAsync(file, result.Config, context.Cancellation).ConfigureAwait(false);
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: true).ConfigureAwait(false);
            return await client.StartAsync(new ProcessStartParams { Target = file, WorkingDirectory = directory.FullName }, context.Cancellation).ConfigureAwait(false);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void Report(CliOutput output, Pm2ImportResult result, string? file, int started, IReadOnlyList<string>? warnings)
    {
        output.JsonResult(new ImportOutput(result.Apps, file, started, result.NotMapped, result.Notes, warnings), CliJsonContext.Default.ImportOutput);
        if (output.Json)
        {
            return;
        }

        foreach (var note in result.Notes)
        {
            output.Line(note);
        }

        foreach (var setting in result.NotMapped)
        {
            output.Line(output.Yellow($"not mapped: {setting}"));
        }
    }

    /// <summary>Where PM2 keeps its dump: <c>$PM2_HOME/dump.pm2</c>, else <c>~/.pm2/dump.pm2</c>.</summary>
    internal static string DefaultDumpPath() =>
        Path.Combine(
            System.Environment.GetEnvironmentVariable("PM2_HOME") is { Length: > 0 } home
                ? home
                : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".pm2"),
            "dump.pm2");

    private static Dictionary<string, string> InheritedEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return variables;
    }
}
