using System.Text.Json.Serialization;
using OpenDaemon.Daemon.Executable;

namespace OpenDaemon.Daemon;

/// <summary>Source-generated JSON for the daemon's own small files and its start errors.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(DaemonRunError))]
internal sealed partial class DaemonJsonContext : JsonSerializerContext;
