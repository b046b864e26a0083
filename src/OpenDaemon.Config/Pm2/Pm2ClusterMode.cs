using System.Text.Json;
using System.Text.Json.Nodes;
using OpenDaemon.Config.Mapping;

namespace OpenDaemon.Config.Pm2;

/// <summary>
/// PM2's cluster mode in an ecosystem file, as PM2 7 decides it (lib/Common.js determineExecMode):
/// <c>exec_mode: cluster</c>, or no exec_mode with <c>instances</c> set for a Node script. OpenDaemon shares
/// a port the daemon binds itself, so it needs to know that port ('port', or PORT in an env block):
/// without one the app runs its instances in fork mode, with a warning when the file asked for cluster.
/// </summary>
internal static class Pm2ClusterMode
{
    private static readonly string[] NodeExtensions = [".js", ".cjs", ".mjs"];

    public static void Apply(JsonObject app, string path, MappingContext context)
    {
        var mode = Translated(app["mode"]);
        var implicitCluster = mode is null && app.ContainsKey("instances") && RunsOnNode(app);
        if (mode != "cluster" && !implicitCluster)
        {
            return;
        }

        if (HasPort(app))
        {
            app["mode"] = "cluster";
            return;
        }

        app["mode"] = "fork";
        if (!implicitCluster)
        {
            context.Warn(
                JsonPath.Member(path, "mode"),
                "PM2 cluster mode without a known port: OpenDaemon's cluster mode shares a port it binds itself, so it needs 'port' or PORT in 'env'; the instances run in fork mode, each on its own");
        }
    }

    private static string? Translated(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    // PM2 runs a script through node when no interpreter is given and its extension names no other one.
    private static bool RunsOnNode(JsonObject app)
    {
        var interpreter = Translated(app["interpreter"]);
        if (interpreter is not null && Path.GetFileName(interpreter) is not ("node" or "nodejs"))
        {
            return false;
        }

        return Translated(app["script"]) is { } script && NodeExtensions.Contains(Path.GetExtension(script), StringComparer.OrdinalIgnoreCase);
    }

    // 'port', or PORT in env or in any env_<name> block (chosen with --env at start).
    private static bool HasPort(JsonObject app) =>
        app.ContainsKey("port")
        || app.Where(pair => pair.Key == "env" || pair.Key.StartsWith("env_", StringComparison.Ordinal))
            .Any(pair => pair.Value is JsonObject env && env.ContainsKey("PORT"));
}
