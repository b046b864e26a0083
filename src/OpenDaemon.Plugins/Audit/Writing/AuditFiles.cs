using System.Globalization;

namespace OpenDaemon.Plugins.Audit.Writing;

/// <summary>
/// The files of the audit log in one directory: <c>audit.jsonl</c> is written to; at rotation it is
/// renamed <c>audit.NNNNNN.jsonl</c> with the next number, so that the numbers give the chain's order.
/// </summary>
internal static class AuditFiles
{
    public const string CurrentName = "audit.jsonl";
    private const string Prefix = "audit.";
    private const string Suffix = ".jsonl";

    public static string Current(string directory) => Path.Combine(directory, CurrentName);

    /// <summary>The rotated files, oldest first, with their numbers.</summary>
    public static IReadOnlyList<(long Number, string Path)> Rotated(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        List<(long, string)> files = [];
        foreach (var path in Directory.EnumerateFiles(directory, Prefix + "*" + Suffix))
        {
            var name = Path.GetFileName(path);
            var middle = name[Prefix.Length..^Suffix.Length];
            if (middle.Length > 0 && long.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                files.Add((number, path));
            }
        }

        return [.. files.OrderBy(file => file.Item1)];
    }

    /// <summary>Every file of the chain, oldest first: the rotated ones, then the current one if it exists.</summary>
    public static IReadOnlyList<string> Ordered(string directory)
    {
        List<string> files = [.. Rotated(directory).Select(file => file.Path)];
        if (File.Exists(Current(directory)))
        {
            files.Add(Current(directory));
        }

        return files;
    }

    public static string RotatedPath(string directory, long number) =>
        Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{number:D6}{Suffix}"));
}
