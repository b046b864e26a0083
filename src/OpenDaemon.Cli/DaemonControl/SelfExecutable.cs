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
}
