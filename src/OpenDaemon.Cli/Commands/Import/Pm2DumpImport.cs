using System.Text;
using System.Text.Json;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Import;

/// <summary>
/// Turns a PM2 dump (<c>~/.pm2/dump.pm2</c>: a JSON array with one entry per PM2 process, each PM2's
/// internal <c>pm2_env</c>) into an od configuration document, one app per PM2 app name. What has no od
/// equivalent is listed in <see cref="Pm2ImportResult.NotMapped"/>; PM2's bookkeeping fields are dropped quietly.
/// </summary>
/// <remarks>
/// The dump's <c>env</c> is the whole environment of the shell that ran <c>pm2 start</c>. Variables PM2 adds
/// itself, and those whose value is the same in the importing shell (PATH, HOME, ...: the daemon passes
/// its own environment to apps anyway), are left out so that the config holds what the app really set.
/// </remarks>
internal static class Pm2DumpImport
{
    // PM2's own bookkeeping: not configuration, nothing is lost by dropping them.
    private static readonly HashSet<string> Internal = new(StringComparer.Ordinal)
    {
        "pm_id", "pm_pid_path", "pm_uptime", "created_at", "restart_time", "unstable_restarts", "version", "node_version",
        "vizion", "vizion_running", "versioning", "km_link", "unique_id", "status", "pmx", "automation", "username",
        "windowsHide", "kill_retry_time", "instance_var", "treekill", "autostart", "exit_code", "prev_restart_delay",
        "axm_actions", "axm_monitor", "axm_options", "axm_dynamic", "env", "filter_env", "_", "PM2_HOME", "PM2_USAGE",
        "PM2_INTERACTOR_PROCESSING", "PM2_JSON_PROCESSING", "NODE_APP_INSTANCE", "pm_exec_path", "pm_cwd", "name", "args",
        "exec_interpreter", "node_args", "exec_mode", "instances", "namespace", "pm_out_log_path", "pm_err_log_path",
        "pm_log_path", "merge_logs", "time", "log_date_format", "log_type", "max_memory_restart", "autorestart", "watch",
        "ignore_watch", "exp_backoff_restart_delay", "command", "pm_err_log", "pm_out_log", "MODULE_DEBUG", "pmx_module",
    };

    // Same value, our name.
    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["cron_restart"] = "cron",
        ["kill_timeout"] = "killTimeout",
        ["restart_delay"] = "restartDelay",
        ["max_restarts"] = "maxRestarts",
        ["min_uptime"] = "minUptime",
        ["wait_ready"] = "waitReady",
        ["listen_timeout"] = "listenTimeout",
        ["kill_signal"] = "stopSignal",
        ["uid"] = "uid",
        ["gid"] = "gid",
        ["port"] = "port",
    };

    /// <summary>
    /// Reads <paramref name="dumpPath"/> and builds the od configuration (JSON). <paramref name="inherited"/>
    /// is the importing shell's environment, whose unchanged variables are left out of each app's <c>env</c>.
    /// </summary>
    public static Pm2ImportResult Convert(string dumpPath, IReadOnlyDictionary<string, string> inherited)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(dumpPath));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DaemonException(ErrorCode.ConfigNotFound, $"cannot read the PM2 dump {dumpPath}: {error.Message}", "run 'pm2 save' first, or pass the dump's path: od import pm2 /path/to/dump.pm2");
        }
        catch (JsonException error)
        {
            throw new DaemonException(ErrorCode.ConfigInvalid, $"{dumpPath} is not a PM2 dump (not JSON: {error.Message})", "a PM2 dump is what 'pm2 save' writes to ~/.pm2/dump.pm2");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new DaemonException(ErrorCode.ConfigInvalid, $"{dumpPath} is not a PM2 dump (expected a JSON array of processes)", "a PM2 dump is what 'pm2 save' writes to ~/.pm2/dump.pm2");
            }

            var logDirectory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dumpPath))!, "logs") + Path.DirectorySeparatorChar;
            var apps = document.RootElement.EnumerateArray()
                .Where(entry => entry.ValueKind == JsonValueKind.Object && Text(entry, "name") is not null && Text(entry, "pm_exec_path") is not null)
                .GroupBy(entry => Text(entry, "name")!, StringComparer.Ordinal)
                .ToList();
            List<string> notMapped = [];
            List<string> notes = [];
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("apps");
                foreach (var app in apps)
                {
                    WriteApp(writer, app.Key, [.. app], logDirectory, inherited, notMapped, notes);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            return new Pm2ImportResult(Encoding.UTF8.GetString(buffer.ToArray()) + "\n", [.. apps.Select(app => app.Key)], notMapped, notes);
        }
    }

    // 'port', or PORT in the app's env block or among the variables PM2 stored beside it.
    private static bool HasPort(JsonElement app) =>
        app.TryGetProperty("port", out _)
        || app.TryGetProperty("PORT", out _)
        || (app.TryGetProperty("env", out var env) && env.ValueKind == JsonValueKind.Object && env.TryGetProperty("PORT", out _));

    private static void WriteApp(Utf8JsonWriter writer, string name, List<JsonElement> instances, string pm2Logs, IReadOnlyDictionary<string, string> inherited, List<string> notMapped, List<string> notes)
    {
        var first = instances[0];
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("script", Text(first, "pm_exec_path"));
        if (Text(first, "pm_cwd") is { } cwd)
        {
            writer.WriteString("cwd", cwd);
        }

        WriteStrings(writer, "args", first, "args");
        if (Text(first, "exec_interpreter") is { } interpreter && interpreter != "node")
        {
            writer.WriteString("interpreter", interpreter);
        }

        WriteStrings(writer, "interpreterArgs", first, "node_args");
        if (instances.Count > 1)
        {
            writer.WriteNumber("instances", instances.Count);
        }

        // OpenDaemon's cluster mode binds the shared port itself, so it needs to know it (as for an
        // ecosystem file, Pm2ClusterMode): without one the instances run in fork mode, each on its own.
        if (Text(first, "exec_mode") == "cluster_mode")
        {
            if (HasPort(first))
            {
                writer.WriteString("mode", "cluster");
            }
            else
            {
                notes.Add($"{name} ran in PM2's cluster mode; without a known port ('port' or PORT) it runs in fork mode here (set 'port' and 'mode: cluster' to share one port)");
            }
        }

        if (Text(first, "namespace") is { } space && space != "default")
        {
            writer.WriteString("namespace", space);
        }

        if (first.TryGetProperty("max_memory_restart", out var memory) && memory.ValueKind == JsonValueKind.Number)
        {
            writer.WriteString("maxMemory", $"{memory.GetInt64()}B");
        }

        if (first.TryGetProperty("autorestart", out var restart) && restart.ValueKind == JsonValueKind.False)
        {
            writer.WriteBoolean("autoRestart", false);
        }

        WriteWatch(writer, first);
        if (first.TryGetProperty("exp_backoff_restart_delay", out var backoff) && backoff.ValueKind == JsonValueKind.Number)
        {
            writer.WriteString("restartStrategy", "exponential");
            writer.WritePropertyName("restartDelay");
            backoff.WriteTo(writer);
        }

        foreach (var property in first.EnumerateObject())
        {
            if (Renames.TryGetValue(property.Name, out var ours) && !(ours == "restartDelay" && first.TryGetProperty("exp_backoff_restart_delay", out _)))
            {
                writer.WritePropertyName(ours);
                property.Value.WriteTo(writer);
            }
        }

        WriteLogs(writer, name, instances, pm2Logs, notes);
        WriteEnv(writer, name, first, inherited);
        writer.WriteEndObject();

        foreach (var property in first.EnumerateObject())
        {
            var key = property.Name;
            if (!Internal.Contains(key) && !Renames.ContainsKey(key) && key != name && !IsInheritedCopy(first, key) && !IsDefault(property.Value))
            {
                notMapped.Add($"{name}: {key} = {Abbreviate(property.Value.GetRawText())}");
            }
        }

        if (instances.Any(instance => Text(instance, "status") is "stopped" or "errored"))
        {
            notes.Add($"{name} was stopped in PM2; it is started now (stop it with: od stop {name})");
        }
    }

    // PM2 copies the environment into the entry itself as well (UPPER_CASE keys beside its own fields).
    private static bool IsInheritedCopy(JsonElement entry, string key) =>
        entry.TryGetProperty("env", out var env) && env.ValueKind == JsonValueKind.Object && env.TryGetProperty(key, out _);

    private static bool IsDefault(JsonElement value) => value.ValueKind is JsonValueKind.Null or JsonValueKind.False
        || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
        || (value.ValueKind == JsonValueKind.String && value.GetString() is "" or "N/A");

    private static void WriteWatch(Utf8JsonWriter writer, JsonElement entry)
    {
        if (!entry.TryGetProperty("watch", out var watch) || watch.ValueKind is JsonValueKind.False or JsonValueKind.Null)
        {
            return;
        }

        writer.WriteStartObject("watch");
        writer.WriteStartArray("paths");
        if (watch.ValueKind == JsonValueKind.Array)
        {
            foreach (var path in watch.EnumerateArray())
            {
                path.WriteTo(writer);
            }
        }
        else if (watch.ValueKind == JsonValueKind.String)
        {
            watch.WriteTo(writer);
        }

        writer.WriteEndArray();
        if (entry.TryGetProperty("ignore_watch", out var ignore) && ignore.ValueKind is JsonValueKind.Array or JsonValueKind.String)
        {
            writer.WritePropertyName("ignore");
            ignore.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    // PM2 writes plain lines; imported apps keep doing so (logs.format text), with PM2's time prefix when
    // the app had one. Files PM2 kept in its own logs directory move to od's; files the user chose stay.
    private static void WriteLogs(Utf8JsonWriter writer, string name, List<JsonElement> instances, string pm2Logs, List<string> notes)
    {
        var first = instances[0];
        var merged = first.TryGetProperty("merge_logs", out var merge) && merge.ValueKind == JsonValueKind.True;
        if (merged && instances.Count > 1)
        {
            writer.WriteBoolean("mergeLogs", true);
        }

        var moved = false;
        foreach (var (pm2, ours) in new[] { ("pm_out_log_path", "logFile"), ("pm_err_log_path", "errorLogFile") })
        {
            if (Text(first, pm2) is not { } path)
            {
                continue;
            }

            if (path.StartsWith(pm2Logs, StringComparison.Ordinal))
            {
                moved = true;
                continue;
            }

            writer.WriteString(ours, instances.Count > 1 && !merged ? WithoutInstanceSuffix(path) : path);
        }

        if (moved)
        {
            notes.Add($"{name}: its logs were in PM2's logs directory; od writes them to its own (od info {name} shows where)");
        }

        writer.WriteStartObject("logs");
        writer.WriteString("format", Text(first, "log_type") == "json" ? "json" : "text");
        if (Text(first, "log_date_format") is { } format)
        {
            writer.WriteString("timestampFormat", format);
        }

        if (Text(first, "pm_log_path") is { } combined && !combined.StartsWith(pm2Logs, StringComparison.Ordinal))
        {
            writer.WriteString("combinedFile", instances.Count > 1 && !merged ? WithoutInstanceSuffix(combined) : combined);
        }

        writer.WriteEndObject();
    }

    private static void WriteEnv(Utf8JsonWriter writer, string name, JsonElement entry, IReadOnlyDictionary<string, string> inherited)
    {
        if (!entry.TryGetProperty("env", out var env) || env.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var kept = env.EnumerateObject()
            .Where(variable => variable.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            .Where(variable => !Internal.Contains(variable.Name) && variable.Name != name && variable.Name is not ("unique_id" or "PWD" or "OLDPWD" or "SHLVL"))
            .Where(variable => !(inherited.TryGetValue(variable.Name, out var value) && value == ValueOf(variable.Value)))
            .ToList();
        if (kept.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("env");
        foreach (var variable in kept)
        {
            writer.WriteString(variable.Name, ValueOf(variable.Value));
        }

        writer.WriteEndObject();
    }

    private static string ValueOf(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static void WriteStrings(Utf8JsonWriter writer, string name, JsonElement entry, string key)
    {
        if (!entry.TryGetProperty(key, out var value))
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } single)
        {
            writer.WriteString(name, single);
        }
        else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }

    private static string? Text(JsonElement entry, string key) =>
        entry.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Abbreviate(string text) => text.Length > 60 ? text[..57] + "..." : text;

    // PM2 names per-instance files "<file>-<pm_id>.log"; od adds "-<instance>" itself. (No Regex: it
    // would add to every od start-up's binary for one import.)
    private static string WithoutInstanceSuffix(string path)
    {
        var extension = Path.GetExtension(path);
        var stem = path[..^extension.Length];
        var dash = stem.LastIndexOf('-');
        return dash > 0 && dash < stem.Length - 1 && stem[(dash + 1)..].All(char.IsAsciiDigit) ? stem[..dash] + extension : path;
    }
}
