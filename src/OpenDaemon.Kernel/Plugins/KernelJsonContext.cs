using System.Text.Json.Serialization;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Kernel.Watchdog;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>Source-generated (AOT-safe) JSON for the kernel's wire records, camelCase.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PluginInfo))]
[JsonSerializable(typeof(IReadOnlyList<PluginInfo>))]
[JsonSerializable(typeof(MetricDefinition))]
[JsonSerializable(typeof(IReadOnlyList<MetricDefinition>))]
[JsonSerializable(typeof(EventBusStats))]
[JsonSerializable(typeof(WatchdogStatus))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, bool>))]
public sealed partial class KernelJsonContext : JsonSerializerContext;
