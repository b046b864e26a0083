namespace OpenDaemon.Config.Mapping;

/// <summary>
/// What one load collects: problems and warnings, and path aliases. An alias says "the value at
/// this path was written by the user at that path" (a PM2 key we renamed, a <c>defaults</c>
/// entry merged into an app), so problems point at what the user actually wrote.
/// </summary>
internal sealed class MappingContext(string file, string baseDirectory, bool isEcosystem, bool textLogsByDefault = false)
{
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public string BaseDirectory { get; } = baseDirectory;

    public bool IsEcosystem { get; } = isEcosystem;

    /// <summary>Apps of a PM2 ecosystem file write PM2's plain log lines unless they choose a format; flags on the command line do not.</summary>
    public bool TextLogsByDefault { get; } = textLogsByDefault;

    public List<ConfigProblem> Problems { get; } = [];

    public List<ConfigWarning> Warnings { get; } = [];

    public void Problem(string path, string message, string? found = null, string? expected = null) =>
        Problems.Add(new ConfigProblem(File, path, message, found, expected));

    public void Warn(string path, string message) => Warnings.Add(new ConfigWarning(File, ResolvePath(path), message));

    public void Alias(string path, string writtenAt) => _aliases.TryAdd(path, writtenAt);

    /// <summary>Maps a path in the normalized tree back to where the user wrote it.</summary>
    public string ResolvePath(string path)
    {
        for (var hop = 0; hop < 4; hop++)
        {
            string? best = null;
            foreach (var alias in _aliases.Keys)
            {
                if ((best is null || alias.Length > best.Length) && IsPrefix(alias, path))
                {
                    best = alias;
                }
            }

            if (best is null)
            {
                return path;
            }

            path = _aliases[best] + path[best.Length..];
            path = path.StartsWith('.') ? path[1..] : path; // an app that is the whole file
        }

        return path;
    }

    private static bool IsPrefix(string prefix, string path) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && (path.Length == prefix.Length || path[prefix.Length] is '.' or '[');
}
