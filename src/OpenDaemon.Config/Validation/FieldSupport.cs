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
        ["daemon.socketGroup"] = FieldEntry.Live,
        ["daemon.socketAuth"] = FieldEntry.Live,
        ["daemon.socketRateLimit"] = FieldEntry.Live,
        ["daemon.socketRateLimit.perSecond"] = FieldEntry.Live,
        ["daemon.socketRateLimit.burst"] = FieldEntry.Live,

        ["api"] = FieldEntry.Live,
        ["api.enabled"] = FieldEntry.Live,
        ["api.listen"] = FieldEntry.Live,
        ["api.tls"] = FieldEntry.Live,
        ["api.tls.cert"] = FieldEntry.Live,
        ["api.tls.key"] = FieldEntry.Live,
        ["api.cors"] = FieldEntry.Live,
        ["api.cors.origins"] = FieldEntry.Live,
        ["api.rateLimit"] = FieldEntry.Live,
        ["api.rateLimit.perSecond"] = FieldEntry.Live,
        ["api.rateLimit.burst"] = FieldEntry.Live,

        ["apps[].name"] = FieldEntry.Live,
        ["apps[].script"] = FieldEntry.Live,
        ["apps[].cwd"] = FieldEntry.Live,
        ["apps[].env"] = FieldEntry.Live,
        ["apps[].instances"] = FieldEntry.Live,
        ["apps[].mode"] = FieldEntry.Live,
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
        ["apps[].combinedLogFile"] = FieldEntry.Live,
        ["apps[].listenTimeout"] = FieldEntry.Live,
        ["apps[].readyTimeoutAction"] = FieldEntry.Live,
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
        ["apps[].cron"] = FieldEntry.Live,
        ["apps[].cronTimezone"] = FieldEntry.Live,
        ["apps[].cronOverlap"] = FieldEntry.Live,
        ["apps[].cronRetry"] = FieldEntry.Live,
        ["apps[].cronCatchUp"] = FieldEntry.Live,
        ["apps[].watch"] = FieldEntry.Live,
        ["apps[].watch.paths"] = FieldEntry.Live,
        ["apps[].watch.ignore"] = FieldEntry.Live,
        ["apps[].watch.delay"] = FieldEntry.Live,
        ["apps[].watch.clearConsole"] = FieldEntry.NotYet("the daemon has no console to clear; the app's log shows the restart"),
        ["apps[].dependencies"] = FieldEntry.Live,
        ["apps[].cascadeStop"] = FieldEntry.Live,
        ["apps[].cascadeRestart"] = FieldEntry.Live,
        ["apps[].notifications"] = FieldEntry.NotYetSection("no notifier runs yet, so nothing is sent"),
        ["apps[].limits"] = FieldEntry.NotYetSection("no resource limiter runs yet; 'maxMemory' restarts an app above a memory size"),
        ["apps[].metrics"] = FieldEntry.Live,
        ["apps[].metrics.enabled"] = FieldEntry.Live,
        ["apps[].metrics.interval"] = FieldEntry.Live,
        ["apps[].metrics.runtime"] = FieldEntry.Live,
        ["apps[].metrics.labels"] = FieldEntry.Live,
        ["apps[].cluster"] = FieldEntry.Live,
        ["apps[].cluster.strategy"] = FieldEntry.Live, // connections handed to Node apps, relayed to any other app's own socket
        ["apps[].cluster.sticky"] = FieldEntry.Live, // the daemon's HTTP proxy, a cookie per client
        ["apps[].cluster.routeByHeader"] = FieldEntry.Live, // the daemon's HTTP proxy, a hash of the header's value
        ["apps[].cluster.tls"] = FieldEntry.LiveSection, // HTTPS and HTTP/2 at the daemon's HTTP proxy
        ["apps[].cluster.weights"] = FieldEntry.Live,
        ["apps[].cluster.autoScale"] = FieldEntry.LiveSection,
        ["apps[].deploy"] = FieldEntry.NotYetSection("deployment strategies are not implemented: `od reload` replaces instances one at a time (zero downtime in cluster mode)"),

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
