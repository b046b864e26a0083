using System.CommandLine;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// <c>od restart &lt;targets...&gt; [--update-env]</c>: stop then start instances (stopped ones are started).
/// With <c>--update-env</c> (PM2's <c>-a</c>) the apps take this shell's environment first.
/// </summary>
internal static class RestartCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var updateEnv = new Option<bool>("--update-env", "-a") { Description = "Take this shell's environment (the app's own env and od set values still win)" };
        return TargetCommand.Create(
            globals,
            "restart",
            "Restart apps (by name, id, or all)",
            (client, targets, parse, ct) => parse.GetValue(updateEnv)
                ? client.RestartAsync(targets, CallerEnvironment(), ct)
                : client.RestartAsync(targets, ct),
            [updateEnv]);
    }

    internal static Dictionary<string, string> CallerEnvironment() =>
        System.Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? string.Empty, StringComparer.Ordinal);
}
