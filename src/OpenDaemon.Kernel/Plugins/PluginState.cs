using System.Text.Json.Serialization;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>Where a plugin is in its lifecycle, written in lower case on the wire.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PluginState>))]
public enum PluginState
{
    /// <summary>Known, not started yet.</summary>
    [JsonStringEnumMemberName("registered")] Registered,

    /// <summary>Install ran; Start has not finished.</summary>
    [JsonStringEnumMemberName("installed")] Installed,

    /// <summary>Started and serving.</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>A lifecycle step failed, its config is invalid or a dependency is not running.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Disabled by configuration or <c>od plugin disable</c>.</summary>
    [JsonStringEnumMemberName("disabled")] Disabled,

    /// <summary>Stopped with the daemon.</summary>
    [JsonStringEnumMemberName("stopped")] Stopped,
}
