using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Contracts.Plugins;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Daemon.Tests.Rpc;

/// <summary>
/// Every RPC method with the parameter type it reads, and the malformed requests a test sends it:
/// each parameter of the wrong JSON type or null (on top of otherwise valid parameters, so the
/// error must name that parameter), and <c>params</c> that are no object at all.
/// </summary>
internal static class BadParameterCases
{
    /// <summary>Method → its parameter type (null: takes none).</summary>
    public static readonly IReadOnlyDictionary<string, Type?> Methods = new Dictionary<string, Type?>(StringComparer.Ordinal)
    {
        [RpcMethods.DaemonPing] = null,
        [RpcMethods.DaemonVersion] = null,
        [RpcMethods.DaemonStatus] = null,
        [RpcMethods.DaemonShutdown] = null,
        [RpcMethods.DaemonReload] = null,
        [RpcMethods.PluginList] = null,
        [RpcMethods.PluginInfo] = typeof(PluginNameParams),
        [RpcMethods.PluginEnable] = typeof(PluginNameParams),
        [RpcMethods.PluginDisable] = typeof(PluginNameParams),
        [RpcMethods.ProcessStart] = typeof(ProcessStartParams),
        [RpcMethods.ProcessStop] = typeof(ProcessTargetParams),
        [RpcMethods.ProcessRestart] = typeof(ProcessTargetParams),
        [RpcMethods.ProcessReload] = typeof(ProcessTargetParams),
        [RpcMethods.ProcessScale] = typeof(ProcessScaleParams),
        [RpcMethods.ProcessDelete] = typeof(ProcessTargetParams),
        [RpcMethods.ProcessList] = null,
        [RpcMethods.MetricSnapshot] = typeof(OpenDaemon.Contracts.Metrics.MetricQueryParams),
        [RpcMethods.MetricHistory] = typeof(OpenDaemon.Contracts.Metrics.MetricQueryParams),
        [RpcMethods.MetricExposition] = typeof(OpenDaemon.Contracts.Metrics.MetricQueryParams),
        [RpcMethods.ProcessGraph] = null,
        [RpcMethods.ProcessInfo] = typeof(ProcessTargetParams),
        [RpcMethods.ProcessEnv] = typeof(ProcessTargetParams),
        [RpcMethods.ProcessSet] = typeof(ProcessSetParams),
        [RpcMethods.ProcessSave] = null,
        [RpcMethods.ProcessResurrect] = null,
        [RpcMethods.ProcessSignal] = typeof(ProcessSignalParams),
        [RpcMethods.ProcessReset] = typeof(ProcessTargetParams),
        [RpcMethods.ProcessClearDump] = null,
        [RpcMethods.LogSearch] = typeof(LogSearchParams),
        [RpcMethods.LogStream] = typeof(LogStreamParams),
        [RpcMethods.LogUnstream] = typeof(LogUnstreamParams),
        [RpcMethods.LogFlush] = typeof(LogFlushParams),
        [RpcMethods.LogTruncate] = typeof(LogFlushParams),
        [RpcMethods.LogReopen] = typeof(LogFlushParams),
        [RpcMethods.ScheduleList] = null,
        [RpcMethods.WatchList] = null,
        [RpcMethods.AutoScaleList] = null,
        [RpcMethods.EventSubscribe] = typeof(OpenDaemon.Contracts.Events.EventSubscribeParams),
        [RpcMethods.EventUnsubscribe] = typeof(OpenDaemon.Contracts.Events.EventUnsubscribeParams),
        [RpcMethods.AuditSearch] = typeof(OpenDaemon.Contracts.Audit.AuditSearchParams),
        [RpcMethods.AuditVerify] = null,
        [RpcMethods.AuditStream] = typeof(OpenDaemon.Contracts.Audit.AuditStreamParams),
        [RpcMethods.AuditUnstream] = typeof(OpenDaemon.Contracts.Audit.AuditUnstreamParams),
    };

    /// <summary>Methods whose valid call changes something; the test never sends them valid parameters.</summary>
    public static readonly IReadOnlySet<string> SideEffects = new HashSet<string>(StringComparer.Ordinal)
    {
        RpcMethods.DaemonShutdown, RpcMethods.DaemonReload, RpcMethods.ProcessSave, RpcMethods.ProcessResurrect,
        RpcMethods.ProcessClearDump, RpcMethods.LogTruncate, RpcMethods.LogReopen,
    };

    /// <summary>
    /// Positional <c>params</c> (JSON-RPC allows an array; we name parameters): INVALID_PARAMS naming
    /// <c>params</c> for every method. A number or string is no valid request at all: the IPC layer
    /// refuses it before any method sees it.
    /// </summary>
    public static IEnumerable<JsonElement> NotObjects() => [Parse("[\"api\"]"), Parse("[]"), Parse("[null]")];

    public static IReadOnlyList<JsonPropertyInfo> Properties(Type type) => [.. ContractsJsonContext.Default.GetTypeInfo(type)!.Properties];

    public static bool IsRequired(JsonPropertyInfo property) =>
        property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false, IsMemberInitializer: false };

    /// <summary>(parameter name, whole params object) pairs where exactly that parameter is wrong.</summary>
    public static IEnumerable<(string Parameter, JsonElement Params)> WrongMembers(Type type)
    {
        var properties = Properties(type);
        foreach (var property in properties)
        {
            var wrongs = WrongValues(property.PropertyType).ToList();
            var nullable = property.AssociatedParameter?.IsNullable ?? property.IsSetNullable;
            if (!nullable || IsRequired(property))
            {
                wrongs.Add(null);
            }

            foreach (var wrong in wrongs)
            {
                var parameters = new JsonObject();
                foreach (var other in properties.Where(IsRequired))
                {
                    parameters[other.Name] = Valid(other.PropertyType);
                }

                parameters[property.Name] = wrong?.DeepClone();
                yield return (property.Name, JsonSerializer.SerializeToElement(parameters, JsonSerializerOptions.Default));
            }
        }
    }

    private static JsonNode Valid(Type type) =>
        type == typeof(string) ? JsonValue.Create("od-no-such-thing")
        : type == typeof(int) ? JsonValue.Create(987_654)
        : typeof(IEnumerable<string>).IsAssignableFrom(type) ? new JsonArray("od-no-such-thing")
        : throw new NotSupportedException($"no valid value for required {type}: extend the test");

    private static IEnumerable<JsonNode?> WrongValues(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return [JsonValue.Create(42), new JsonArray("a"), new JsonObject()];
        }

        if (underlying == typeof(int) || underlying == typeof(long))
        {
            return [JsonValue.Create("one"), JsonValue.Create(1.5), JsonValue.Create(true), JsonValue.Create(1e30)];
        }

        if (underlying == typeof(bool))
        {
            return [JsonValue.Create("yes"), JsonValue.Create(1)];
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return [JsonValue.Create(42), JsonValue.Create("yesterday")];
        }

        if (typeof(IEnumerable<KeyValuePair<string, string>>).IsAssignableFrom(underlying))
        {
            return [new JsonArray("a"), new JsonObject { ["A"] = 1 }, new JsonObject { ["A"] = null }, JsonValue.Create("A=1")];
        }

        if (typeof(IEnumerable).IsAssignableFrom(underlying))
        {
            return [new JsonObject { ["a"] = "b" }, new JsonArray(1), new JsonArray((JsonNode?)null), JsonValue.Create("api")];
        }

        throw new NotSupportedException($"no wrong values for {type}: extend the test");
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
