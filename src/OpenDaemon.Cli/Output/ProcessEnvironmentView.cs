using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Output;

/// <summary>
/// <c>od env</c>: <c>NAME=value</c> lines sorted by name, so the output can be read back as an
/// env file; secrets arrive masked from the daemon and are marked as such.
/// </summary>
internal static class ProcessEnvironmentView
{
    public static IEnumerable<string> Render(ProcessEnvironment environment, CliOutput output) =>
        environment.Variables
            .OrderBy(variable => variable.Name, StringComparer.Ordinal)
            .Select(variable => variable.Masked
                ? $"{variable.Name}=****{output.Dim(" (secret)")}"
                : $"{variable.Name}={variable.Value}");
}
