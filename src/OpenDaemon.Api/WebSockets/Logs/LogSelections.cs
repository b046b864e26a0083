using System.Globalization;
using System.Text.Json;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Api.WebSockets.Logs;

/// <summary>
/// Turns the target of a <c>log:&lt;target&gt;</c> topic into a <see cref="LogSelection"/> the way <c>log.stream</c>
/// does: <c>*</c> and <c>all</c> follow everything; otherwise each comma-separated name, id or namespace is resolved
/// with <c>process.info</c> (so a typo is PROCESS_NOT_FOUND, as everywhere), ids selecting that instance only.
/// </summary>
internal static class LogSelections
{
    public static async Task<LogSelection> ResolveAsync(string target, Func<string, JsonElement, Task<JsonElement>> call)
    {
        var parts = target.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (target == "*" || parts.Contains("all", StringComparer.Ordinal))
        {
            return LogSelection.Everything;
        }

        var apps = new HashSet<string>(StringComparer.Ordinal);
        var instances = new HashSet<(string, int)>();
        foreach (var part in parts)
        {
            var found = await call(RpcMethods.ProcessInfo, Http.JsonParams.Object(w => Http.JsonParams.Targets(w, part))).ConfigureAwait(false);
            var byId = int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _);
            foreach (var process in found.GetProperty("processes").EnumerateArray())
            {
                var summary = process.GetProperty("summary");
                var name = summary.GetProperty("name").GetString() ?? string.Empty;
                if (byId)
                {
                    instances.Add((name, summary.GetProperty("instance").GetInt32()));
                }
                else
                {
                    apps.Add(name);
                }
            }
        }

        return new LogSelection(apps, instances);
    }
}
