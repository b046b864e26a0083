namespace OpenDaemon.Cli.DaemonControl;

/// <summary>
/// How to run this same <c>od</c> again as a child: the Native-AOT binary or apphost directly, or
/// <c>dotnet od.dll</c> when the CLI itself was started through the dotnet host.
/// </summary>
internal static class SelfExecutable
{
    public static (string FileName, IReadOnlyList<string> LeadingArguments) Resolve()
    {
        var processPath = System.Environment.ProcessPath
            ?? throw new InvalidOperationException("cannot find the path of the running od executable");
        var isDotnetHost = Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return isDotnetHost
            ? (processPath, [System.Environment.GetCommandLineArgs()[0]])
            : (processPath, []);
    }

    /// <summary>
    /// This binary as the process manager's exec shim (<c>od __exec-shim</c>), or null when running
    /// through the dotnet host, where there is no single executable to exec.
    /// </summary>
    public static string? ShimPath() =>
        System.Environment.ProcessPath is { } path && !Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? path
            : null;
}
