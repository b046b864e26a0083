namespace OpenDaemon.Plugins.ProcessManager.Launching;

/// <summary>
/// The interpreter implied by a script's extension when the config names none (spec §3.1):
/// JavaScript → node, TypeScript → node with type stripping, Python → python3, .dll → dotnet,
/// anything else runs directly. <c>interpreter: none</c> forces direct execution.
/// </summary>
internal static class InterpreterInference
{
    public const string None = "none";

    /// <summary>Node 22.6 added <c>--experimental-strip-types</c>; 23.6 turned it on by default.</summary>
    public static readonly Version TypeStrippingSince = new(22, 6);

    /// <summary>The interpreter command for <paramref name="script"/>, or null to execute it directly.</summary>
    public static string? Infer(string? configured, string script)
    {
        if (configured is not null)
        {
            return configured.Equals(None, StringComparison.OrdinalIgnoreCase) ? null : configured;
        }

        return Path.GetExtension(script).ToLowerInvariant() switch
        {
            ".js" or ".mjs" or ".cjs" or ".ts" or ".mts" or ".cts" => "node",
            ".py" => "python3",
            ".dll" => "dotnet",
            _ => null,
        };
    }

    public static bool IsTypeScript(string script) =>
        Path.GetExtension(script).ToLowerInvariant() is ".ts" or ".mts" or ".cts";
}
