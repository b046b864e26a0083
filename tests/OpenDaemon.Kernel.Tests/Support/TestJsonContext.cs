using System.Text.Json.Serialization;

namespace OpenDaemon.Kernel.Tests.Support;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StateRecord))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(TestPluginConfig))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
