using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>AOT-safe serialisation of <see cref="JsonNode"/> for config merging.</summary>
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class PluginConfigJsonContext : JsonSerializerContext;
