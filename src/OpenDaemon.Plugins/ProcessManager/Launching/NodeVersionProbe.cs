using System.Collections.Concurrent;
using System.Diagnostics;

namespace OpenDaemon.Plugins.ProcessManager.Launching;

/// <summary>Asks a node binary for its version once (TypeScript support depends on it).</summary>
internal static class NodeVersionProbe
{
    private static readonly ConcurrentDictionary<string, Version?> Cache = new(StringComparer.Ordinal);

    public static async ValueTask<Version?> GetAsync(string nodePath, CancellationToken cancellationToken)
    {
        if (Cache.TryGetValue(nodePath, out var known))
        {
            return known;
        }

        var info = new ProcessStartInfo(nodePath, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info);
        if (process is null)
        {
            return null;
        }

        var text = (await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Trim().TrimStart('v');
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var version = Version.TryParse(text, out var parsed) ? parsed : null;
        Cache[nodePath] = version;
        return version;
    }
}
