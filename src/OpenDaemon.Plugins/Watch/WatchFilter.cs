using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.Watch;

/// <summary>
/// Which changed paths restart an app: not those under <c>node_modules</c> or <c>.git</c> (always),
/// not those the app's <c>ignore</c> globs match, and never the app's own log and pid files (and
/// their rotated or per-instance siblings) — an app that logs into its cwd must not restart-loop.
/// </summary>
public sealed class WatchFilter
{
    /// <summary>Ignored whatever the configuration says.</summary>
    public static readonly IReadOnlyList<string> AlwaysIgnored = ["node_modules", ".git"];

    private readonly IReadOnlyList<GlobPattern> _ignore;
    private readonly IReadOnlyList<(string Directory, string Stem)> _ownFiles;

    /// <summary>Creates the filter of one app.</summary>
    public WatchFilter(IEnumerable<string> ignore, IEnumerable<string?> ownFiles)
    {
        _ignore = [.. AlwaysIgnored.Concat(ignore).Distinct(StringComparer.Ordinal).Select(pattern => new GlobPattern(pattern))];
        _ownFiles = [.. ownFiles.OfType<string>().Where(f => f.Length > 0).Select(Path.GetFullPath)
            .Select(f => (Path.GetDirectoryName(f) ?? "/", Path.GetFileNameWithoutExtension(f)))];
    }

    /// <summary>The filter of an app's configuration.</summary>
    public static WatchFilter For(ProcessConfig config) => new(
        config.Watch?.Ignore ?? [],
        [config.LogFile, config.ErrorLogFile, config.Logs?.CombinedFile, config.PidFile]);

    /// <summary>Whether a change to <paramref name="fullPath"/>, under the watched <paramref name="root"/>, is ignored.</summary>
    public bool IsIgnored(string root, string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath) ?? "/";
        var name = Path.GetFileName(fullPath);
        if (_ownFiles.Any(own => own.Directory == directory && name.StartsWith(own.Stem, StringComparison.Ordinal)))
        {
            return true;
        }

        var relative = Path.GetRelativePath(root, fullPath);
        return relative != "." && _ignore.Any(glob => glob.IsMatch(relative));
    }
}
