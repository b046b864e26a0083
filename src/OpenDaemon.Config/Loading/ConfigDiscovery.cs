using System.Text.Json;

namespace OpenDaemon.Config.Loading;

/// <summary>Finds the config file in a directory, in spec §4.1 order, then PM2's ecosystem files.</summary>
internal static class ConfigDiscovery
{
    public static readonly IReadOnlyList<string> Order =
    [
        "opendaemon.config.ts",
        "opendaemon.config.js",
        "opendaemon.config.mjs",
        "opendaemon.config.cjs",
        "opendaemon.config.json",
        "opendaemon.config.yaml",
        "opendaemon.config.yml",
        ".opendaemonrc",
        "package.json",
        "ecosystem.config.js",
        "ecosystem.config.cjs",
        "ecosystem.config.mjs",
        "ecosystem.config.json",
        "ecosystem.config.yaml",
        "ecosystem.config.yml",
    ];

    public static string? Discover(string directory)
    {
        foreach (var name in Order)
        {
            var path = Path.Combine(Path.GetFullPath(directory), name);
            if (File.Exists(path) && (name != "package.json" || HasOpenDaemonField(path)))
            {
                return path;
            }
        }

        return null;
    }

    // Most package.json files are not configs; only one with an "opendaemon" field is.
    private static bool HasOpenDaemonField(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("opendaemon", out _);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
