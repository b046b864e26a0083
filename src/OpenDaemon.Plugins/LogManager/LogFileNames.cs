using System.Globalization;

namespace OpenDaemon.Plugins.LogManager;

/// <summary>
/// How rotated log files are named, shared by the writer (rotation, retention) and the reader
/// (search over history): <c>api-out.log</c> rotates to <c>api-out__2026-11-23_15-30-00-123.log</c>
/// (UTC), which gzip turns into <c>...log.gz</c>. The stamp sorts chronologically as text.
/// </summary>
internal static class LogFileNames
{
    private const string StampFormat = "yyyy-MM-dd_HH-mm-ss-fff";
    private const string Separator = "__";

    /// <summary>The path a file rotated at <paramref name="at"/> gets (before compression).</summary>
    public static string Rotated(string currentPath, string? rotationDirectory, DateTimeOffset at)
    {
        var directory = rotationDirectory ?? Path.GetDirectoryName(currentPath)!;
        var stamp = at.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture);
        return Path.Combine(directory, $"{Stem(currentPath)}{Separator}{stamp}.log");
    }

    /// <summary>
    /// The rotated files of <paramref name="currentPath"/>, oldest first. When a file exists both plain
    /// and compressed (gzip is between its rename and the removal of the plain file), only the plain one counts.
    /// </summary>
    public static IReadOnlyList<RotatedLogFile> FindRotated(string currentPath, string? rotationDirectory)
    {
        var directory = rotationDirectory ?? Path.GetDirectoryName(currentPath)!;
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var prefix = Stem(currentPath) + Separator;
        var found = new SortedDictionary<string, RotatedLogFile>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, prefix + "*"))
        {
            var name = Path.GetFileName(path);
            var compressed = name.EndsWith(".log.gz", StringComparison.Ordinal);
            if (!compressed && !name.EndsWith(".log", StringComparison.Ordinal))
            {
                continue; // a .gz.tmp being written, or something that is not ours
            }

            var stamp = name[prefix.Length..^(compressed ? ".log.gz".Length : ".log".Length)];
            if (!DateTime.TryParseExact(stamp, StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                continue;
            }

            if (compressed && found.ContainsKey(stamp))
            {
                continue;
            }

            found[stamp] = new RotatedLogFile(path, new DateTimeOffset(at, TimeSpan.Zero), compressed);
        }

        return [.. found.Values];
    }

    // "api-out.log" → "api-out"; a custom name without .log keeps its whole name.
    private static string Stem(string currentPath)
    {
        var name = Path.GetFileName(currentPath);
        return name.EndsWith(".log", StringComparison.Ordinal) ? name[..^".log".Length] : name;
    }
}

/// <summary>One rotated log file.</summary>
/// <param name="Path">Its path.</param>
/// <param name="RotatedAt">When it was rotated: every entry in it is older.</param>
/// <param name="Compressed">True for <c>.log.gz</c>.</param>
internal sealed record RotatedLogFile(string Path, DateTimeOffset RotatedAt, bool Compressed);
