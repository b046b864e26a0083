using System.Diagnostics;

namespace OpenDaemon.EndToEnd.Tests.Pm2;

/// <summary>
/// PM2 from npm, installed once into a cache directory under the temp folder (kept between runs, so only
/// the first run pays the ~20 s install): the import test needs a dump written by a real <c>pm2 save</c>.
/// </summary>
public sealed class Pm2Installation
{
    /// <summary>The version in the package lists of this machine's registry.</summary>
    public const string Version = "7.0.4";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    public Pm2Installation()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"od-test-pm2-{Version}");
        Binary = Path.Combine(directory, "node_modules", ".bin", "pm2");
        if (File.Exists(Binary) || !ToolPath.Exists("npm"))
        {
            return;
        }

        var info = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "install", "--prefix", directory, $"pm2@{Version}", "--no-audit", "--no-fund" })
        {
            info.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(info)!;
        var error = npm.StandardError.ReadToEndAsync();
        _ = npm.StandardOutput.ReadToEndAsync();
        if (!npm.WaitForExit(InstallTimeout) || npm.ExitCode != 0)
        {
            InstallError = $"npm install pm2@{Version} failed: {error.Result}";
        }
    }

    /// <summary>The pm2 executable.</summary>
    public string Binary { get; }

    /// <summary>Why PM2 could not be installed, or null.</summary>
    public string? InstallError { get; }
}
