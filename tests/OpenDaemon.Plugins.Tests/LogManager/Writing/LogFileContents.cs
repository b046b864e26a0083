using System.IO.Compression;
using System.Text;
using System.Text.Json;
using OpenDaemon.Plugins.LogManager;

namespace OpenDaemon.Plugins.Tests.LogManager.Writing;

/// <summary>Reads what the writers left on disk: a file (plain or gzip), or a log with its rotated files.</summary>
internal static class LogFileContents
{
    public static List<string> Lines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Every line of the log, rotated files (oldest first) then the current file.</summary>
    public static List<string> AllLines(string currentPath, string? rotationDirectory = null) =>
        [.. LogFileNames.FindRotated(currentPath, rotationDirectory).SelectMany(file => Lines(file.Path)), .. Lines(currentPath)];

    /// <summary>The message of a JSON entry, found by position rather than parsed (millions of lines).</summary>
    public static string Message(string entry)
    {
        const string Start = "\"message\":\"";
        var from = entry.IndexOf(Start, StringComparison.Ordinal) + Start.Length;
        return entry[from..entry.IndexOf("\",\"source\":", from, StringComparison.Ordinal)];
    }

    public static JsonElement Parse(string entry)
    {
        using var document = JsonDocument.Parse(entry);
        return document.RootElement.Clone();
    }
}
