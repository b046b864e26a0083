using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace OpenDaemon.Config.Validation;

/// <summary>
/// The one table of which configuration fields the daemon acts on today (ARCHITECTURE §8: a field
/// nothing acts on is a warning, never silently accepted). Keys are schema paths as users write
/// them, with list indices as <c>[]</c>: <c>apps[].watch</c>, <c>apps[].healthCheck.action</c>.
/// Nested composite checks (<c>healthCheck.checks[]</c>) share the rows of <c>healthCheck</c>.
/// When a feature lands, flip its rows to <see cref="FieldEntry.Live"/> and its warning goes;
/// <c>FieldSupportTests</c> fails when a field of the model has no row. docs/configuration.md
/// lists the same table for users.
/// </summary>
internal static partial class FieldSupport
{
    private const string NoMetrics = "no metrics collector runs yet; `od ls` shows CPU and memory without it";

    public static readonly FrozenDictionary<string, FieldEntry> Fields = new Dictionary<string, FieldEntry>(StringComparer.Ordinal)
    {
        ["$schema"] = FieldEntry.Live,
        ["defaults"] = FieldEntry.Live,
        ["apps"] = FieldEntry.Live,
        ["plugins"] = FieldEntry.Live,
        ["plugins.*"] = FieldEntry.Live,

        ["daemon"] = FieldEntry.Live,
        ["daemon.logLevel"] = FieldEntry.Live,
        ["daemon.pidFile"] = FieldEntry.Live,
        ["daemon.logDir"] = FieldEntry.Live,
        ["daemon.shutdownTimeout"] = FieldEntry.Live,
        ["daemon.socketPath"] = new(FieldStatus.Rejected),

        ["apps[].name"] = FieldEntry.Live,
        ["apps[].script"] = FieldEntry.Live,
        ["apps[].cwd"] = FieldEntry.Live,
        ["apps[].env"] = FieldEntry.Live,
        ["apps[].instances"] = FieldEntry.Live,
        ["apps[].mode"] = FieldEntry.LiveExcept("cluster mode is not implemented: each instance runs as an independent process (fork)", "cluster", "cluster_mode"),
        ["apps[].interpreter"] = FieldEntry.Live,
        ["apps[].interpreterArgs"] = FieldEntry.Live,
        ["apps[].args"] = FieldEntry.Live,
        ["apps[].maxMemory"] = FieldEntry.Live,
        ["apps[].maxCpu"] = FieldEntry.NotYet("nothing compares CPU use with a limit yet"),
        ["apps[].autoRestart"] = FieldEntry.Live,
        ["apps[].restartStrategy"] = FieldEntry.Live,
        ["apps[].restartDelay"] = FieldEntry.Live,
        ["apps[].maxRestartDelay"] = FieldEntry.Live,
        ["apps[].maxRestarts"] = FieldEntry.Live,
        ["apps[].minUptime"] = FieldEntry.Live,
        ["apps[].killTimeout"] = FieldEntry.Live,
        ["apps[].stopSignal"] = FieldEntry.Live,
        ["apps[].waitReady"] = FieldEntry.Live,
        ["apps[].readyTimeout"] = FieldEntry.Live,
        ["apps[].shutdownWithMessage"] = FieldEntry.Live,
        ["apps[].instanceVar"] = FieldEntry.Live,
        ["apps[].pidFile"] = FieldEntry.Live,
        ["apps[].combinedLogFile"] = FieldEntry.NotYet("stdout and stderr are kept in 'logFile' and 'errorLogFile'; no combined file is written yet"),
        ["apps[].listenTimeout"] = FieldEntry.Live,
        ["apps[].watchdogTimeout"] = FieldEntry.Live,
        ["apps[].port"] = FieldEntry.Live,
        ["apps[].namespace"] = FieldEntry.Live,
        ["apps[].logFile"] = FieldEntry.Live,
        ["apps[].errorLogFile"] = FieldEntry.Live,
        ["apps[].logLevel"] = FieldEntry.NotYet("every line is kept whatever its level"),
        ["apps[].mergeLogs"] = FieldEntry.Live,
        ["apps[].logFormat"] = FieldEntry.Live,
        ["apps[].uid"] = FieldEntry.Live,
        ["apps[].gid"] = FieldEntry.Live,
        ["apps[].nice"] = FieldEntry.Live,
        ["apps[].umask"] = FieldEntry.Live,
        ["apps[].detached"] = FieldEntry.NotYet("apps stop with the daemon"),
        ["apps[].cron"] = FieldEntry.NotYet("no scheduler runs yet, so the app is not started or restarted on a schedule"),
        ["apps[].cronTimezone"] = FieldEntry.NotYet("no scheduler runs yet"),
        ["apps[].cronOverlap"] = FieldEntry.NotYet("no scheduler runs yet"),
        ["apps[].cronRetry"] = FieldEntry.NotYet("no scheduler runs yet"),
        ["apps[].watch"] = FieldEntry.NotYetSection("nothing watches files yet, so the app is not restarted on changes"),
        ["apps[].dependencies"] = FieldEntry.NotYet("apps start together, without waiting for each other"),
        ["apps[].cascadeStop"] = FieldEntry.NotYet("dependencies are not implemented yet"),
        ["apps[].cascadeRestart"] = FieldEntry.NotYet("dependencies are not implemented yet"),
        ["apps[].notifications"] = FieldEntry.NotYetSection("no notifier runs yet, so nothing is sent"),
        ["apps[].limits"] = FieldEntry.NotYetSection("no resource limiter runs yet; 'maxMemory' restarts an app above a memory size"),
        ["apps[].metrics"] = FieldEntry.NotYetSection(NoMetrics),
        ["apps[].cluster"] = FieldEntry.NotYetSection("cluster mode is not implemented"),
        ["apps[].deploy"] = FieldEntry.NotYetSection("deployment strategies are not implemented: `od reload` restarts instances one by one"),

        ["apps[].healthCheck"] = FieldEntry.Live,
        ["apps[].healthCheck.type"] = FieldEntry.Live,
        ["apps[].healthCheck.interval"] = FieldEntry.Live,
        ["apps[].healthCheck.timeout"] = FieldEntry.Live,
        ["apps[].healthCheck.failureThreshold"] = FieldEntry.Live,
        ["apps[].healthCheck.successThreshold"] = FieldEntry.Live,
        ["apps[].healthCheck.initialDelay"] = FieldEntry.Live,
        ["apps[].healthCheck.action"] = FieldEntry.LiveExcept("no notifier runs yet: the failure is only recorded, as with 'none'", "notify"),
        ["apps[].healthCheck.url"] = FieldEntry.Live,
        ["apps[].healthCheck.method"] = FieldEntry.Live,
        ["apps[].healthCheck.headers"] = FieldEntry.Live,
        ["apps[].healthCheck.expectedStatus"] = FieldEntry.Live,
        ["apps[].healthCheck.expectedBody"] = FieldEntry.Live,
        ["apps[].healthCheck.verifyCertificate"] = FieldEntry.Live,
        ["apps[].healthCheck.caFile"] = FieldEntry.Live,
        ["apps[].healthCheck.host"] = FieldEntry.Live,
        ["apps[].healthCheck.port"] = FieldEntry.Live,
        ["apps[].healthCheck.service"] = FieldEntry.Live,
        ["apps[].healthCheck.command"] = FieldEntry.Live,
        ["apps[].healthCheck.args"] = FieldEntry.Live,
        ["apps[].healthCheck.checks"] = FieldEntry.Live,
        ["apps[].healthCheck.operator"] = FieldEntry.Live,
        ["apps[].healthCheck.maxMemory"] = FieldEntry.Live,
        ["apps[].healthCheck.maxCpu"] = FieldEntry.Live,

        ["apps[].logs"] = FieldEntry.Live,
        ["apps[].logs.format"] = FieldEntry.Live,
        ["apps[].logs.json"] = FieldEntry.Live,
        ["apps[].logs.timestampFormat"] = FieldEntry.Live,
        ["apps[].logs.combinedFile"] = FieldEntry.Live,
        ["apps[].logs.logHistory"] = FieldEntry.Live,
        ["apps[].logs.rotation"] = FieldEntry.Live,
        ["apps[].logs.rotation.enabled"] = FieldEntry.Live,
        ["apps[].logs.rotation.maxSize"] = FieldEntry.Live,
        ["apps[].logs.rotation.maxFiles"] = FieldEntry.Live,
        ["apps[].logs.rotation.maxAge"] = FieldEntry.Live,
        ["apps[].logs.rotation.compress"] = FieldEntry.Live,
        ["apps[].logs.rotation.directory"] = FieldEntry.Live,
        ["apps[].logs.rotation.datePattern"] = FieldEntry.Live,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The schema path of a JSON path: indices become <c>[]</c>, nested composite checks fold into their parent.</summary>
    public static string SchemaPath(string path)
    {
        var schema = Index().Replace(path, "[]");
        while (schema.Contains(".checks[].", StringComparison.Ordinal))
        {
            schema = schema.Replace(".checks[].", ".", StringComparison.Ordinal);
        }

        return schema.StartsWith("plugins.", StringComparison.Ordinal) || schema.StartsWith("plugins[", StringComparison.Ordinal) ? "plugins.*" : schema;
    }

    /// <summary>The row for a schema path: its own, or a not-live section above it; null when the table has none.</summary>
    public static FieldEntry? Find(string schemaPath)
    {
        if (Fields.TryGetValue(schemaPath, out var entry))
        {
            return entry;
        }

        for (var cut = schemaPath.LastIndexOf('.'); cut > 0; cut = schemaPath.LastIndexOf('.', cut - 1))
        {
            if (Fields.TryGetValue(schemaPath[..cut], out var parent) && parent.Subtree)
            {
                return parent;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
