using System.Text.Json.Serialization;
using OpenDaemon.Contracts.Daemon;

namespace OpenDaemon.Cli.Output;

/// <summary>Source-generated JSON for the CLI's own output shapes (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CliError))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
[JsonSerializable(typeof(DaemonStartOutput))]
[JsonSerializable(typeof(DaemonRestartOutput))]
[JsonSerializable(typeof(DaemonStopOutput))]
[JsonSerializable(typeof(PingOutput))]
[JsonSerializable(typeof(ApiTokenOutput))]
[JsonSerializable(typeof(VersionOutput))]
[JsonSerializable(typeof(DaemonLogsOutput))]
[JsonSerializable(typeof(DaemonStatusInfo))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(ImportOutput))]
[JsonSerializable(typeof(StartupOutput))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
