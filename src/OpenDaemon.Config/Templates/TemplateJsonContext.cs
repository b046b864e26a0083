using System.Text.Json.Serialization;

namespace OpenDaemon.Config.Templates;

/// <summary>Source-generated (AOT-safe) JSON for quoting strings in templates.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class TemplateJsonContext : JsonSerializerContext;
