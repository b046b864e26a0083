using System.Text.Json;
using OpenDaemon.Config;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Config;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Daemon.Executable;

/// <summary>
/// <c>od-daemon validate [FILE] [--env NAME]</c> and <c>od-daemon init [--format F] [--force]</c>:
/// the two commands that read or write configuration files without a daemon. They live here
/// because this executable links the configuration system anyway; <c>od</c> runs them and renders
/// the JSON they print on stdout (the result, or <c>{"error": ...}</c> with exit code 1).
/// </summary>
internal static class OfflineCommands
{
    public const string Validate = "validate";
    public const string Init = "init";

    private const int Valid = 0;
    private const int Invalid = 1;

    public static async Task<int> ValidateAsync(IReadOnlyList<string> arguments)
    {
        string? file = null;
        string? environment = null;
        for (var index = 0; index < arguments.Count; index++)
        {
            switch (arguments[index])
            {
                case "--env":
                    environment = ValueOf(arguments, ++index, "--env");
                    break;
                case var argument when argument.StartsWith('-'):
                    throw UnknownOption(argument, Validate);
                case var argument when file is null:
                    file = argument;
                    break;
                case var argument:
                    throw new DaemonException(ErrorCode.InvalidParams, $"one configuration file at a time, not also '{argument}'", "od validate path/to/opendaemon.config.yaml");
            }
        }

        var path = ResolveConfigFile(file);
        var result = await ConfigLoader.LoadAsync(path, new ConfigLoadOptions { EnvironmentName = environment }, CancellationToken.None).ConfigureAwait(false);
        var answer = new ValidateResult(
            result.IsValid,
            result.SourcePath,
            result.Format.ToString(),
            result.Config?.Apps.Select(app => app.Name).ToList() ?? [],
            [.. result.Problems.Select(problem => problem.ToString())],
            [.. result.Warnings.Select(warning => warning.ToString())],
            [.. result.Config?.Plugins.Keys ?? []]);
        Write(answer, ContractsJsonContext.Default.ValidateResult);
        return result.IsValid ? Valid : Invalid;
    }

    public static async Task<int> InitAsync(IReadOnlyList<string> arguments)
    {
        var format = "yaml";
        var force = false;
        for (var index = 0; index < arguments.Count; index++)
        {
            switch (arguments[index])
            {
                case "--format" or "-f":
                    format = ValueOf(arguments, ++index, "--format");
                    break;
                case "--force":
                    force = true;
                    break;
                case var argument:
                    throw UnknownOption(argument, Init);
            }
        }

        var directory = Directory.GetCurrentDirectory();
        var (configFormat, fileName) = format switch
        {
            "yaml" => (ConfigFormat.Yaml, "opendaemon.config.yaml"),
            "json" => (ConfigFormat.Json, "opendaemon.config.json"),
            "ts" => (ConfigFormat.TypeScript, "opendaemon.config.ts"),
            _ => throw new DaemonException(ErrorCode.InvalidParams, $"--format must be yaml, json or ts, not '{format}'", "od init --format yaml"),
        };
        var path = Path.Combine(directory, fileName);
        if (File.Exists(path) && !force)
        {
            throw new DaemonException(ErrorCode.ConfigExists, $"{path} already exists", "edit it, or pass --force to overwrite it");
        }

        await File.WriteAllTextAsync(path, ConfigTemplates.Create(configFormat, directory)).ConfigureAwait(false);
        Write(new InitResult(path, configFormat.ToString()), ContractsJsonContext.Default.InitResult);
        return Valid;
    }

    /// <summary>The file given, else the one discovered in the current directory.</summary>
    private static string ResolveConfigFile(string? given)
    {
        if (given is not null)
        {
            var full = Path.GetFullPath(given);
            return File.Exists(full)
                ? full
                : throw new DaemonException(ErrorCode.ConfigNotFound, $"configuration file {full} does not exist", "check the path, or create one with 'od init'");
        }

        var directory = Directory.GetCurrentDirectory();
        return ConfigLoader.Discover(directory)
            ?? throw new DaemonException(
                ErrorCode.ConfigNotFound,
                $"no configuration file in {directory} (looked for {string.Join(", ", ConfigLoader.DiscoveryOrder.Take(4))}, ...)",
                "create one with 'od init', or name one: od validate path/to/opendaemon.config.yaml");
    }

    private static void Write<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        Console.Out.WriteLine(JsonSerializer.Serialize(value, typeInfo));

    private static string ValueOf(IReadOnlyList<string> arguments, int index, string option) =>
        index < arguments.Count ? arguments[index] : throw new DaemonException(ErrorCode.InvalidParams, $"{option} needs a value", null);

    private static DaemonException UnknownOption(string option, string command) =>
        new(ErrorCode.InvalidParams, $"unknown option '{option}' for '{command}'", "od " + command + " --help");
}
