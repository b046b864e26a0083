using System.Text.Json;
using System.Text.Json.Nodes;
using OpenDaemon.Config.Mapping;

namespace OpenDaemon.Config.Pm2;

/// <summary>
/// Rewrites PM2 field names in one app (or <c>defaults</c>) object into ours, in place, before
/// mapping. Runs on every config, not only ecosystem files, so a half-migrated file still works.
/// Each move is recorded as a path alias so problems point at the PM2 key the user wrote.
/// </summary>
internal static class Pm2Translator
{
    public static void Translate(JsonObject app, string path, MappingContext context)
    {
        WaitReadyAsPm2(app);
        foreach (var key in app.Select(p => p.Key).ToArray())
        {
            var keyPath = JsonPath.Member(path, key);
            if (Pm2Fields.Renames.TryGetValue(key, out var ours))
            {
                Move(app, key, ours, path, context);
            }
            else if (Pm2Fields.Unsupported.TryGetValue(key, out var instead))
            {
                app.Remove(key);
                var hint = instead.Length > 0 ? $" ({instead})" : string.Empty;
                context.Warn(keyPath, $"PM2 field '{key}' is not supported by OpenDaemon and is ignored{hint}");
            }
        }

        TranslateValues(app, path, context);
        CombinedLogFlag(app, path, context);
        if (path != "defaults")
        {
            DefaultName(app);
        }

        Nest(app, "ignore_watch", "watch", "ignore", path, context);
        Nest(app, "watch_delay", "watch", "delay", path, context);
        Nest(app, "time", "logs", "timestampFormat", path, context); // before log_date_format: in PM2 "time" wins
        Nest(app, "log_date_format", "logs", "timestampFormat", path, context);
        ExponentialBackoff(app, path, context);
    }

    /// <summary>Sets <paramref name="fields"/> on the app, dropping every other spelling of the same field first.</summary>
    public static void Override(JsonObject app, IReadOnlyDictionary<string, JsonElement>? fields)
    {
        if (fields is null)
        {
            return;
        }

        foreach (var (key, value) in fields)
        {
            var target = Pm2Fields.Renames.GetValueOrDefault(key, key);
            foreach (var existing in app.Select(p => p.Key).Where(k => Pm2Fields.Renames.GetValueOrDefault(k, k) == target).ToArray())
            {
                app.Remove(existing);
            }

            app[key] = JsonNode.Parse(value.GetRawText());
        }
    }

    private static void Move(JsonObject app, string from, string to, string path, MappingContext context)
    {
        var value = app[from];
        app.Remove(from);
        if (app.ContainsKey(to))
        {
            context.Warn(JsonPath.Member(path, from), $"both PM2 '{from}' and '{to}' are set; using '{to}'");
            return;
        }

        app[to] = value;
        context.Alias(JsonPath.Member(path, to), JsonPath.Member(path, from));
    }

    private static void TranslateValues(JsonObject app, string path, MappingContext context)
    {
        // PM2 spells modes "cluster_mode"/"fork_mode".
        if (StringOf(app["mode"]) is { } mode && mode.EndsWith("_mode", StringComparison.Ordinal))
        {
            app["mode"] = mode[..^"_mode".Length];
        }

        // PM2: instances 0 or -N mean "all cores" / "all cores but N". Only in ecosystem files,
        // so that our own format keeps refusing 0.
        if (context.IsEcosystem && app["instances"] is JsonValue instances && instances.GetValueKind() == JsonValueKind.Number
            && instances.ToJsonString() is var text && int.TryParse(text, out var count) && count <= 0)
        {
            app["instances"] = count == 0 ? "max" : $"max{count}"; // -1: all usable CPUs but one
        }

        // PM2's execute_command (pm2 start -x) forces fork mode.
        if (app["execute_command"] is JsonValue execute)
        {
            app.Remove("execute_command");
            if (execute.GetValueKind() == JsonValueKind.True)
            {
                app["mode"] = "fork";
            }
        }

        if (context.IsEcosystem && path != "defaults")
        {
            Pm2ClusterMode.Apply(app, path, context);
        }

        // PM2's "time: true" is its log_date_format 'YYYY-MM-DDTHH:mm:ss' (lib/Common.js), local time.
        if (app["time"] is JsonValue time && time.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            app["time"] = time.GetValueKind() == JsonValueKind.True ? "YYYY-MM-DDTHH:mm:ss" : null;
        }
    }

    // ignore_watch → watch.ignore, keeping "watch: true" / "watch: [paths]" meaning the same.
    private static void Nest(JsonObject app, string from, string parent, string child, string path, MappingContext context)
    {
        if (!app.TryGetPropertyValue(from, out var value))
        {
            return;
        }

        app.Remove(from);
        if (value is null)
        {
            return;
        }

        var existing = app[parent];
        JsonObject target;
        switch (existing)
        {
            case JsonObject obj:
                target = obj;
                break;
            case JsonValue flag when parent == "watch" && flag.GetValueKind() == JsonValueKind.False:
            case null when parent == "watch":
                // As in PM2 it does nothing without watching; said, so that it is not silently dropped.
                context.Warn(JsonPath.Member(path, from), $"PM2 field '{from}' has no effect without 'watch' and is ignored");
                return;
            case JsonArray or JsonValue when parent == "watch":
                // "watch: true" watches the cwd (empty paths); "watch: [..]" or "watch: 'src'" keeps its paths.
                var keepPaths = existing is JsonArray || existing.GetValueKind() == JsonValueKind.String;
                target = new JsonObject { ["paths"] = keepPaths ? existing.DeepClone() : new JsonArray() };
                app[parent] = target;
                break;
            default:
                target = new JsonObject();
                app[parent] = target;
                break;
        }

        if (!target.ContainsKey(child))
        {
            target[child] = value.DeepClone();
            context.Alias(JsonPath.Member(JsonPath.Member(path, parent), child), JsonPath.Member(path, from));
        }
    }

    // exp_backoff_restart_delay: N → restartStrategy "exponential" starting at N ms.
    private static void ExponentialBackoff(JsonObject app, string path, MappingContext context)
    {
        const string Key = "exp_backoff_restart_delay";
        if (!app.TryGetPropertyValue(Key, out var value))
        {
            return;
        }

        app.Remove(Key);
        app["restartStrategy"] ??= "exponential";
        if (!app.ContainsKey("restartDelay"))
        {
            app["restartDelay"] = value?.DeepClone();
            context.Alias(JsonPath.Member(path, "restartDelay"), JsonPath.Member(path, Key));
        }
    }

    // PM2's wait_ready: an app that has not sent 'ready' after listen_timeout (3 s by default, PM2's
    // GRACEFUL_LISTEN_TIMEOUT) goes online anyway (lib/God.js executeApp); ours would be errored. The PM2
    // key keeps PM2's meaning; our own waitReady keeps ours.
    private static void WaitReadyAsPm2(JsonObject app)
    {
        if (app["wait_ready"] is not JsonValue flag || flag.GetValueKind() != JsonValueKind.True)
        {
            return;
        }

        app["readyTimeoutAction"] ??= "online";
        if (!app.ContainsKey("listen_timeout") && !app.ContainsKey("listenTimeout") && !app.ContainsKey("readyTimeout"))
        {
            app["listenTimeout"] = "3s";
        }
    }

    // PM2 names an app without a name after its script: the base name without its last extension
    // (Common.renderApplicationName), so "node server.js" is "node server" and "bin/www" is "www".
    private static void DefaultName(JsonObject app)
    {
        if (app.ContainsKey("name") || StringOf(app["script"]) is not { Length: > 0 } script)
        {
            return;
        }

        var name = Path.GetFileName(script.TrimEnd('/'));
        var dot = name.LastIndexOf('.');
        app["name"] = dot > 0 ? name[..dot] : name;
    }

    // PM2's "log_file: true" asks for a combined log in PM2's own folder; "false" for none.
    private static void CombinedLogFlag(JsonObject app, string path, MappingContext context)
    {
        if (app["combinedLogFile"] is not JsonValue flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return;
        }

        var keyPath = context.ResolvePath(JsonPath.Member(path, "combinedLogFile"));
        app.Remove("combinedLogFile");
        if (flag.GetValueKind() == JsonValueKind.True)
        {
            context.Warn(keyPath, "a combined log file in PM2's default folder is not supported yet; give 'log_file' a path");
        }
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
