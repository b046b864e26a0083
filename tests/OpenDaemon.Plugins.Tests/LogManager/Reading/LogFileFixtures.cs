using System.IO.Compression;
using System.Text;
using System.Text.Json;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.LogManager;
using OpenDaemon.Plugins.LogManager.Reading;

namespace OpenDaemon.Plugins.Tests.LogManager.Reading;

/// <summary>Writes log files the way the write path does: JSON or text lines, plain or gzip, named by LogFileNames.</summary>
internal static class LogFileFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 15, 30, 0, TimeSpan.Zero);

    public static LogSource Json(string path, string process = "api", int? instance = null, string stream = "stdout") =>
        new(process, instance, path, RotationDirectory: null, LogFormat.Json, stream);

    public static LogSource Text(string path, string process = "api", int? instance = null, string stream = "stdout") =>
        new(process, instance, path, RotationDirectory: null, LogFormat.Text, stream);

    /// <summary>One line exactly as the write path writes it.</summary>
    public static string JsonLine(DateTimeOffset at, string message, string level = "info", string source = "stdout", int instance = 0, string process = "api", int pid = 123) =>
        $$"""{"timestamp":"{{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","level":"{{level}}","pid":{{pid}},"processName":"{{JsonEncodedText.Encode(process)}}","instanceId":{{instance}},"message":"{{JsonEncodedText.Encode(message)}}","source":"{{source}}"}""";

    /// <summary>Lines "line {first}" … at one second apart from T0 + first seconds.</summary>
    public static IEnumerable<string> NumberedJsonLines(int first, int count) =>
        Enumerable.Range(first, count).Select(n => JsonLine(T0.AddSeconds(n), $"line {n}"));

    public static void WritePlain(string path, IEnumerable<string> lines)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
    }

    public static void WriteGzip(string path, IEnumerable<string> lines)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>Writes a rotated file of <paramref name="currentPath"/>, rotated at <paramref name="at"/>; returns its path.</summary>
    public static string WriteRotated(string currentPath, DateTimeOffset at, bool gzip, IEnumerable<string> lines)
    {
        var path = LogFileNames.Rotated(currentPath, rotationDirectory: null, at);
        if (gzip)
        {
            WriteGzip(path += ".gz", lines);
        }
        else
        {
            WritePlain(path, lines);
        }

        return path;
    }

    public static IEnumerable<string> Messages(LogSearchResult result) => result.Entries.Select(entry => entry.Message);

    public static IEnumerable<string> Numbered(int first, int count) => Enumerable.Range(first, count).Select(n => $"line {n}");
}
