using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Api.Http;

/// <summary>
/// The endpoints of spec §8.1 under <c>/api/v1</c>, each a thin mapping onto the RPC method the CLI uses:
/// one implementation, several transports (ARCHITECTURE §6). <c>openapi.json</c> is generated from this table.
/// </summary>
internal static class ApiRoutes
{
    public const string Prefix = "/api/v1";
    public const string HealthPath = Prefix + "/health";
    public const string OpenApiPath = Prefix + "/openapi.json";
    public const string WebSocketPath = "/ws";

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("GET", HealthPath, "API health check (no token needed)", RouteKind.Local) { Authenticated = false },
        new("GET", OpenApiPath, "This API's OpenAPI 3.0 description", RouteKind.Local),
        new("GET", Prefix + "/processes", "List all processes", RouteKind.Rpc, RpcMethods.ProcessList),
        new("POST", Prefix + "/processes", "Start a process (body: {\"script\": \"/srv/app.js\", \"name\", \"args\", \"instances\", \"cwd\", \"setEnv\", \"fields\": {any app field}}, or {\"target\": \"/srv/ecosystem.config.js\"})", RouteKind.Rpc, RpcMethods.ProcessStart)
        {
            TakesBody = true,
            SuccessStatus = StatusCodes.Status201Created,
            Params = Start,
        },
        new("GET", Prefix + "/processes/{name}", "Get process info", RouteKind.Rpc, RpcMethods.ProcessInfo) { Params = Target },
        new("PUT", Prefix + "/processes/{name}/restart", "Restart process (optional body: {\"environment\": {...}} as --update-env)", RouteKind.Rpc, RpcMethods.ProcessRestart)
        {
            TakesBody = true,
            Params = TargetWithBody,
        },
        new("PUT", Prefix + "/processes/{name}/stop", "Stop process", RouteKind.Rpc, RpcMethods.ProcessStop) { Params = Target },
        new("PUT", Prefix + "/processes/{name}/reload", "Zero-downtime reload (optional body: {\"environment\": {...}})", RouteKind.Rpc, RpcMethods.ProcessReload)
        {
            TakesBody = true,
            Params = TargetWithBody,
        },
        new("DELETE", Prefix + "/processes/{name}", "Delete process", RouteKind.Rpc, RpcMethods.ProcessDelete) { Params = Target },
        new("PUT", Prefix + "/processes/{name}/scale", "Scale process (body: {\"instances\": 4} or \"+2\" / \"-1\")", RouteKind.Rpc, RpcMethods.ProcessScale)
        {
            TakesBody = true,
            Params = Scale,
        },
        new("GET", Prefix + "/processes/{name}/logs", "Get logs (oldest first; ?lines=100&level=warn&grep=re&source=stderr&since=ISO&until=ISO&cursor=)", RouteKind.Rpc, RpcMethods.LogSearch)
        {
            Params = Logs,
            Query = ["lines", "level", "grep", "source", "since", "until", "cursor"],
        },
        new("GET", Prefix + "/processes/{name}/metrics", "Get metrics: the latest pass, or history with ?range=15m&step=1m", RouteKind.Rpc, RpcMethods.MetricSnapshot)
        {
            Params = Metrics,
            Query = ["range", "step"],
        },
        new("GET", Prefix + "/metrics", "Prometheus metrics (text exposition format)", RouteKind.PrometheusText, RpcMethods.MetricExposition),
        new("GET", Prefix + "/daemon/status", "Daemon status", RouteKind.Rpc, RpcMethods.DaemonStatus),
        new("POST", Prefix + "/daemon/reload", "Reload the configuration file", RouteKind.Rpc, RpcMethods.DaemonReload),
        new("GET", WebSocketPath, "WebSocket: send {\"subscribe\": [\"process:*\", \"log:api\", \"metric:*\"]}", RouteKind.Local),
    ];

    /// <summary>The route for a request, the <c>{name}</c> it matched, and whether the path exists under another method.</summary>
    public static ApiRoute? Match(string method, string path, out string? name, out bool pathExists)
    {
        name = null;
        pathExists = false;
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        foreach (var route in All)
        {
            if (!Matches(route.Path, trimmed, out var matchedName))
            {
                continue;
            }

            pathExists = true;
            if (string.Equals(route.HttpMethod, method, StringComparison.OrdinalIgnoreCase))
            {
                name = matchedName;
                return route;
            }
        }

        return null;
    }

    /// <summary>The methods <paramref name="path"/> answers (for 405's <c>Allow</c>).</summary>
    public static IEnumerable<string> MethodsFor(string path) =>
        All.Where(route => Matches(route.Path, path.Length > 1 ? path.TrimEnd('/') : path, out _)).Select(route => route.HttpMethod).Distinct(StringComparer.Ordinal);

    /// <summary>The RPC method a metrics call uses: history when a range is asked for.</summary>
    public static string MetricsMethod(IQueryCollection query) => query.ContainsKey("range") ? RpcMethods.MetricHistory : RpcMethods.MetricSnapshot;

    private static bool Matches(string pattern, string path, out string? name)
    {
        name = null;
        var patternParts = pattern.Split('/');
        var pathParts = path.Split('/');
        if (patternParts.Length != pathParts.Length)
        {
            return false;
        }

        for (int i = 0; i < patternParts.Length; i++)
        {
            if (patternParts[i] == "{name}")
            {
                if (pathParts[i].Length == 0)
                {
                    return false;
                }

                name = pathParts[i]; // Kestrel has decoded the path already (all but %2F)
            }
            else if (!string.Equals(patternParts[i], pathParts[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonElement? Target(RouteCall call) => JsonParams.Object(writer => JsonParams.Targets(writer, call.Name!));

    private static JsonElement? TargetWithBody(RouteCall call) => JsonParams.Merge(call.Body, writer => JsonParams.Targets(writer, call.Name!), "targets");

    /// <summary>process.start's parameters, with the spec's <c>script</c> for <c>target</c> and <c>cwd</c> (or <c>/</c>) as the working directory.</summary>
    private static JsonElement? Start(RouteCall call)
    {
        if (call.Body is not { ValueKind: JsonValueKind.Object } body)
        {
            throw Invalid("the body must be a JSON object such as {\"script\": \"/srv/app.js\", \"name\": \"api\"}");
        }

        var target = body.TryGetProperty("target", out var t) ? t : body.TryGetProperty("script", out var script) ? script : default;
        if (target.ValueKind != JsonValueKind.String)
        {
            throw Invalid("the body needs \"script\" (a file or command) or \"target\" (a config file or a known app)");
        }

        var cwd = body.TryGetProperty("cwd", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "/";
        return JsonParams.Merge(body, writer =>
        {
            writer.WriteString("target", target.GetString());
            if (!body.TryGetProperty("workingDirectory", out _))
            {
                writer.WriteString("workingDirectory", cwd);
            }
        }, "target", "script");
    }

    private static JsonElement? Scale(RouteCall call)
    {
        var instances = call.Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("instances", out var value) ? value : default;
        var text = instances.ValueKind switch
        {
            JsonValueKind.Number => instances.GetRawText(),
            JsonValueKind.String => instances.GetString(),
            _ => throw Invalid("the body must be {\"instances\": 4} (or \"+2\", \"-1\")"),
        };
        return JsonParams.Object(writer =>
        {
            writer.WriteString("target", call.Name);
            writer.WriteString("instances", text);
        });
    }

    private static JsonElement? Logs(RouteCall call) => JsonParams.Object(writer =>
    {
        JsonParams.Targets(writer, call.Name!);
        if (call.Query["lines"].ToString() is { Length: > 0 } lines)
        {
            writer.WriteNumber("limit", int.TryParse(lines, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0 ? limit : throw Invalid($"lines must be a positive number, not '{lines}'"));
        }

        foreach (var (query, member) in new[] { ("level", "level"), ("grep", "grep"), ("source", "source"), ("since", "since"), ("until", "until"), ("cursor", "cursor") })
        {
            if (call.Query[query].ToString() is { Length: > 0 } value)
            {
                writer.WriteString(member, value);
            }
        }
    });

    private static JsonElement? Metrics(RouteCall call) => JsonParams.Object(writer =>
    {
        JsonParams.Targets(writer, call.Name!);
        if (call.Query["range"].ToString() is { Length: > 0 } range)
        {
            writer.WriteNumber("rangeMs", Milliseconds("range", range));
        }

        if (call.Query["step"].ToString() is { Length: > 0 } step)
        {
            writer.WriteNumber("stepMs", Milliseconds("step", step));
        }
    });

    /// <summary><c>1500</c> (ms), <c>30s</c>, <c>15m</c>, <c>1h</c>.</summary>
    private static long Milliseconds(string parameter, string text)
    {
        var unit = text.TrimStart("0123456789".ToCharArray());
        var number = text[..^unit.Length];
        long factor = unit switch { "" or "ms" => 1, "s" => 1000, "m" => 60_000, "h" => 3_600_000, _ => 0 };
        return factor > 0 && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value * factor
            : throw Invalid($"{parameter} must be a duration such as 30s, 15m or 1h, not '{text}'");
    }

    private static DaemonException Invalid(string message) => new(ErrorCode.InvalidParams, message, "see GET /api/v1/openapi.json");
}
