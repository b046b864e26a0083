using System.Globalization;
using System.Text.Json.Nodes;
using OpenDaemon.Config;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager;

/// <summary>
/// What a <c>process.start</c> for something new means: the apps of a configuration file (as
/// <c>pm2 start ecosystem.config.js</c>), or one app made from a script and the command's options.
/// </summary>
internal static class StartRequestResolver
{
    /// <summary>The apps to start, and the configuration file's warnings for the user (<c>file:line path: message</c>).</summary>
    public static async Task<(IReadOnlyList<ProcessConfig> Apps, IReadOnlyList<string> Warnings)> ResolveAsync(ProcessStartParams request, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(request.Target, request.WorkingDirectory);
        return File.Exists(path) && ConfigLoader.LooksLikeConfigFile(path)
            ? await FromConfigFileAsync(path, request, cancellationToken).ConfigureAwait(false)
            : FromScript(request, path);
    }

    private static async Task<(IReadOnlyList<ProcessConfig> Apps, IReadOnlyList<string> Warnings)> FromConfigFileAsync(
        string path, ProcessStartParams request, CancellationToken cancellationToken)
    {
        var result = await ConfigLoader.LoadAsync(path, new ConfigLoadOptions { EnvironmentName = request.Environment, AppFields = request.Fields }, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            throw new DaemonException(
                ErrorCode.ConfigValidationError,
                $"{path} has {result.Problems.Count} problem(s); the first: {result.Problems[0]}",
                $"see them all with 'od validate {path}'");
        }

        var apps = result.Config!.Apps;
        if (apps.Count == 0)
        {
            throw new DaemonException(ErrorCode.ConfigInvalid, $"{path} defines no apps", "add an 'apps' list (see 'od init')");
        }

        List<string> warnings = [.. result.Warnings.Select(warning => warning.ToString())];
        if (result.Config.Daemon != new DaemonSettings())
        {
            // The running daemon is already shaped; only a daemon started with this file reads the section.
            warnings.Add($"{Path.GetFileName(path)} daemon: the daemon section is not applied by od start (this daemon is already running); it applies to a daemon started with the file: od daemon start -c {path}");
        }

        if (request.Only is not { Count: > 0 } only)
        {
            return (apps, warnings);
        }

        var names = only.SelectMany(name => name.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var missing = names.FirstOrDefault(name => apps.All(app => app.Name != name));
        return missing is null
            ? ([.. apps.Where(app => names.Contains(app.Name))], warnings)
            : throw new DaemonException(ErrorCode.ProcessNotFound, $"--only names {missing}, but {path} has no such app", $"its apps are: {string.Join(", ", apps.Select(app => app.Name))}");
    }

    // One app from the script and the flags, mapped like an ecosystem file's app, so that a flag means
    // what its config field means and warns the same way when nothing acts on it yet.
    private static (IReadOnlyList<ProcessConfig> Apps, IReadOnlyList<string> Warnings) FromScript(ProcessStartParams request, string fullPath)
    {
        var name = request.Name ?? Path.GetFileNameWithoutExtension(request.Target.TrimEnd('/'));
        CheckName(name);
        var target = request.Target;
        var isPath = target.Contains('/', StringComparison.Ordinal) || target.StartsWith('.') || File.Exists(fullPath);
        var cwd = request.Cwd is null ? request.WorkingDirectory : Path.GetFullPath(request.Cwd, request.WorkingDirectory);
        var isCommandLine = target.Trim().Any(char.IsWhiteSpace) && !File.Exists(fullPath);
        var instances = ParseInstances(request.Instances);
        var app = new JsonObject
        {
            ["name"] = name,
            ["script"] = isPath && !isCommandLine ? fullPath : target,
            ["cwd"] = cwd,
            ["instances"] = instances.IsMax ? "max" : instances.Resolve(1),
        };
        if (request.Interpreter is { } interpreter)
        {
            app["interpreter"] = interpreter;
        }

        if (request.Args is { Count: > 0 } args)
        {
            app["args"] = new JsonArray([.. args.Select(arg => JsonValue.Create(arg))]);
        }

        if (request.WaitReady is { } waitReady)
        {
            app["waitReady"] = waitReady;
        }

        var result = ConfigLoader.LoadApp(app, cwd, new ConfigLoadOptions { AppFields = request.Fields }, "od start");
        if (!result.IsValid)
        {
            var problem = result.Problems[0];
            throw new DaemonException(ErrorCode.InvalidParams, $"{problem.Path}: {problem.Message}", "see 'od start --help' and docs/configuration.md for the field's values");
        }

        return (result.Config!.Apps, [.. result.Warnings.Select(warning => warning.ToString())]);
    }

    private static void CheckName(string name)
    {
        if (AppNames.IsTooLong(name))
        {
            throw new DaemonException(ErrorCode.InvalidParams, AppNames.TooLongMessage(name), $"choose a shorter one with --name (at most {AppNames.MaxBytes} bytes)");
        }

        if (name.Length == 0 || name == "all" || name.All(char.IsAsciiDigit) || name.Any(c => char.IsControl(c) || c is '/' or '\\' or ','))
        {
            throw new DaemonException(
                ErrorCode.InvalidParams,
                $"'{name}' cannot be an app name (numbers are ids, 'all' means every app, and '/', '\\' and ',' are not allowed)",
                "choose another with --name, e.g. --name api");
        }
    }

    private static InstanceCount ParseInstances(string? text)
    {
        if (text is null)
        {
            return InstanceCount.One;
        }

        if (text.Trim().Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            return InstanceCount.Max;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1
            ? InstanceCount.Fixed(count)
            : throw new DaemonException(ErrorCode.InvalidParams, $"instances must be a whole number ≥ 1 or \"max\", not '{text}'", "for example: -i 4, or -i max for one per CPU");
    }
}
