using System.Text;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>
/// The preload (<c>cluster-preload.cjs</c>, embedded in the daemon) that makes a Node app's
/// <c>server.listen(PORT)</c> use the shared listening socket; written to a file once per daemon start,
/// because node can only <c>--require</c> a file.
/// </summary>
internal static class NodeClusterPreload
{
    private const string ResourceName = "OpenDaemon.Plugins.ProcessManager.Cluster.cluster-preload.cjs";

    /// <summary>Writes the preload to <paramref name="path"/> (atomically: a running node may be reading the old one).</summary>
    public static void Write(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        using (var resource = typeof(NodeClusterPreload).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the resource {ResourceName} is missing from the build"))
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
