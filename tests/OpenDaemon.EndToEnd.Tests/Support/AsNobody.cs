using System.Diagnostics;

namespace OpenDaemon.EndToEnd.Tests.Support;

/// <summary>Runs <c>od</c> as another user (uid/gid 65534, nobody) through setpriv: tests that run as root use it to be someone else.</summary>
internal static class AsNobody
{
    public const int Uid = 65534;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>od ARGUMENTS</c> as nobody (with <paramref name="groups"/> as its supplementary groups, else none), in
    /// <paramref name="home"/> (also HOME), with <paramref name="environment"/> on top (a null value removes a variable).
    /// </summary>
    public static async Task<CliResult> RunOdAsync(string home, IReadOnlyDictionary<string, string?> environment, string? groups, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        string[] identity = groups is null ? ["--reuid=65534", "--regid=65534", "--clear-groups"] : ["--reuid=65534", "--regid=65534", $"--groups={groups}"];
        foreach (var argument in (string[])[.. identity, "--", OdBinary.Path, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["HOME"] = home;
        startInfo.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
