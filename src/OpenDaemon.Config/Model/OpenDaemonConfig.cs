using System.Text.Json;

namespace OpenDaemon.Config.Model;

/// <summary>
/// A whole configuration file after parsing, defaults and validation (spec §4.2): daemon
/// settings, the apps with <c>defaults</c> already merged in, and each plugin's raw section.
/// </summary>
public sealed record OpenDaemonConfig
{
    /// <summary>An empty configuration: no apps, default daemon settings.</summary>
    public static OpenDaemonConfig Empty { get; } = new();

    /// <summary>The <c>daemon</c> section.</summary>
    public DaemonSettings Daemon { get; init; } = new();

    /// <summary>The <c>api</c> section, or null when the REST/WebSocket API is off (the default).</summary>
    public ApiSettings? Api { get; init; }

    /// <summary>The apps, each with <c>defaults</c> merged in.</summary>
    public IReadOnlyList<ProcessConfig> Apps { get; init; } = [];

    /// <summary>The <c>plugins</c> section by plugin name, raw: each plugin reads its own typed config.</summary>
    public IReadOnlyDictionary<string, JsonElement> Plugins { get; init; } = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
}
