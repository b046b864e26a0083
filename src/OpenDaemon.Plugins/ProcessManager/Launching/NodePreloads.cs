using System.Text;

namespace OpenDaemon.Plugins.ProcessManager.Launching;

/// <summary>
/// The Node preloads embedded in the daemon, written to files once per daemon start because node can only
/// <c>--require</c> a file: cluster mode's (<c>cluster-preload.cjs</c>: <c>server.listen(PORT)</c> uses the
/// shared listening socket) and the runtime metrics' (<c>runtime-preload.cjs</c>: heap, event loop, GC).
/// </summary>
internal static class NodePreloads
{
    /// <summary>Cluster mode's preload.</summary>
    public const string Cluster = "OpenDaemon.Plugins.ProcessManager.Cluster.cluster-preload.cjs";

    /// <summary>The runtime metrics' preload.</summary>
    public const string RuntimeMetrics = "OpenDaemon.Plugins.Metrics.Runtime.runtime-preload.cjs";

    /// <summary>Writes the preload <paramref name="resourceName"/> to <paramref name="path"/> (atomically: a running node may be reading the old one).</summary>
    public static void Write(string resourceName, string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        using (var resource = typeof(NodePreloads).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"the resource {resourceName} is missing from the build"))
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            resource.CopyTo(file);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// <paramref name="nodeOptions"/> with <c>--require PATH</c> added (quoted as NODE_OPTIONS quotes: double
    /// quotes, backslash escapes), unless it is there already.
    /// </summary>
    public static string AddTo(string? nodeOptions, string path)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in path)
        {
            if (c is '"' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        var require = $"--require {quoted}\"";
        return string.IsNullOrWhiteSpace(nodeOptions) ? require
            : nodeOptions.Contains(require, StringComparison.Ordinal) ? nodeOptions
            : $"{nodeOptions} {require}";
    }
}
