using System.Text.Json.Serialization;

namespace OpenDaemon.Daemon;

/// <summary>Source-generated JSON for the daemon's own small files.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class DaemonJsonContext : JsonSerializerContext;
