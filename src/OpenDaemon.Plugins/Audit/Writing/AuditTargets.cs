using System.Text.Json;
using OpenDaemon.Contracts.Audit;

namespace OpenDaemon.Plugins.Audit.Writing;

/// <summary>
/// What an action was done to, from its name and parameters: the area before the first <c>.</c> or
/// <c>:</c> (<c>process</c>, <c>plugin</c>, <c>daemon</c>, <c>log</c>, ...) and the app, plugin or
/// targets the caller named (<c>name</c>, <c>target</c> or <c>targets</c>).
/// </summary>
internal static class AuditTargets
{
    public static AuditTarget? From(string action, JsonElement? parameters)
    {
        var end = action.IndexOfAny(['.', ':']);
        if (end <= 0)
        {
            return null;
        }

        return new AuditTarget(action[..end], parameters is { ValueKind: JsonValueKind.Object } p ? Name(p) : null);
    }

    private static string? Name(JsonElement parameters)
    {
        if (parameters.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            return name.GetString();
        }

        if (parameters.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.String)
        {
            return target.GetString();
        }

        if (parameters.TryGetProperty("targets", out var targets) && targets.ValueKind == JsonValueKind.Array)
        {
            var names = targets.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList();
            return names.Count > 0 ? string.Join(',', names) : null;
        }

        return null;
    }
}
