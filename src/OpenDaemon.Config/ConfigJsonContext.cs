using System.Text.Json.Serialization;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Config;

/// <summary>
/// Source-generated (AOT-safe) JSON for the parsed configuration model: used to print a config
/// (<c>od validate --json</c>) and to fingerprint apps for <c>daemon.reload</c>. Enums are written
/// by name, durations as TimeSpan strings, sizes as bytes.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OpenDaemonConfig))]
[JsonSerializable(typeof(ProcessConfig))]
[JsonSerializable(typeof(DaemonSettings))]
public sealed partial class ConfigJsonContext : JsonSerializerContext;
