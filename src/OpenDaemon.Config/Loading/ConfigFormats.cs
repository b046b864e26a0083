namespace OpenDaemon.Config.Loading;

/// <summary>Which reader a file needs, decided by its name.</summary>
internal static class ConfigFormats
{
    public static ConfigFormat FromPath(string path)
    {
        var name = Path.GetFileName(path);
        if (name.Equals("package.json", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigFormat.PackageJson;
        }

        return Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".ts" or ".mts" or ".cts" => ConfigFormat.TypeScript,
            ".js" or ".mjs" or ".cjs" => ConfigFormat.JavaScript,
            ".json" => ConfigFormat.Json,
            ".yaml" or ".yml" => ConfigFormat.Yaml,
            // .opendaemonrc and anything unrecognised: JSON, like most rc files.
            _ => ConfigFormat.RcJson,
        };
    }

    /// <summary>PM2 ecosystem files get PM2's meaning for instances 0/-1.</summary>
    public static bool IsEcosystem(string path) =>
        Path.GetFileName(path).StartsWith("ecosystem", StringComparison.OrdinalIgnoreCase);
}
