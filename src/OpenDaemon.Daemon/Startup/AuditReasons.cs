using System.Text.Json;

namespace OpenDaemon.Daemon.Startup;

/// <summary>The <c>params</c> of an audit record for a refused authentication: <c>{"reason": "…"}</c>.</summary>
internal static class AuditReasons
{
    public static JsonElement Of(string reason)
    {
        using var document = JsonDocument.Parse($"{{\"reason\":\"{JsonEncodedText.Encode(reason)}\"}}");
        return document.RootElement.Clone();
    }
}
