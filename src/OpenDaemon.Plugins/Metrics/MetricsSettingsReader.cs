using System.Globalization;
using System.Net;
using System.Text.Json;
using OpenDaemon.Contracts;

namespace OpenDaemon.Plugins.Metrics;

/// <summary>
/// Reads <c>plugins.metrics-collector</c>, collecting every problem (each names its key) instead of
/// stopping at the first: <c>{ interval: "5s", retention: "1h", prometheus: { listen: "127.0.0.1:9464" },
/// statsd: { host, port, prefix, tags }, otlp: { endpoint, interval, headers, timeout } }</c>.
/// </summary>
internal static class MetricsSettingsReader
{
    private const string Section = "plugins.metrics-collector";
    private static readonly string[] Keys = ["interval", "retention", "prometheus", "statsd", "otlp"];

    public static MetricsSettings Read(JsonElement config, List<string> problems)
    {
        var defaults = new MetricsSettings();
        if (config.ValueKind != JsonValueKind.Object)
        {
            return defaults;
        }

        foreach (var property in config.EnumerateObject().Where(p => !Keys.Contains(p.Name)))
        {
            problems.Add($"{Section}.{property.Name} is not a setting of the metrics collector (known: {string.Join(", ", Keys)})");
        }

        var interval = Duration(config, "interval", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), defaults.Interval, problems);
        var retention = Duration(config, "retention", interval, TimeSpan.FromDays(7), defaults.Retention, problems);
        return new MetricsSettings
        {
            Interval = interval,
            Retention = retention,
            PrometheusListen = Prometheus(config, problems),
            Statsd = Statsd(config, problems),
            Otlp = Otlp(config, interval, problems),
        };
    }

    // prometheus: { enabled: true, port: 9464 } (spec) or { listen: "0.0.0.0:9464" }; port alone binds 127.0.0.1.
    private static IPEndPoint? Prometheus(JsonElement config, List<string> problems)
    {
        if (!Enabled(config, "prometheus", out var section))
        {
            return null;
        }

        if (section.TryGetProperty("listen", out var listen))
        {
            if (listen.ValueKind == JsonValueKind.String && IPEndPoint.TryParse(listen.GetString()!, out var endPoint) && endPoint.Port > 0)
            {
                return endPoint;
            }

            problems.Add($"{Section}.prometheus.listen must be an address and port, like \"127.0.0.1:9464\"");
            return null;
        }

        return Port(section, "prometheus", problems) is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
    }

    private static StatsdSettings? Statsd(JsonElement config, List<string> problems)
    {
        if (!Enabled(config, "statsd", out var section))
        {
            return null;
        }

        var host = section.TryGetProperty("host", out var hostValue) && hostValue.ValueKind == JsonValueKind.String ? hostValue.GetString()! : "127.0.0.1";
        var port = section.TryGetProperty("port", out _) ? Port(section, "statsd", problems) ?? 8125 : 8125;
        var prefix = section.TryGetProperty("prefix", out var prefixValue) && prefixValue.ValueKind == JsonValueKind.String ? prefixValue.GetString()! : "od.";
        var tags = section.TryGetProperty("tags", out var tagsValue) && tagsValue.ValueKind == JsonValueKind.True;
        return new StatsdSettings(host, port, prefix, tags);
    }

    private static OtlpSettings? Otlp(JsonElement config, TimeSpan interval, List<string> problems)
    {
        if (!Enabled(config, "otlp", out var section))
        {
            return null;
        }

        if (!section.TryGetProperty("endpoint", out var endpointValue) || endpointValue.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(endpointValue.GetString(), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            problems.Add($"{Section}.otlp.endpoint must be an http(s) URL, like \"http://127.0.0.1:4318/v1/metrics\" (grpc: \"http://127.0.0.1:4317\")");
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (section.TryGetProperty("headers", out var headersValue) && headersValue.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headersValue.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.String))
            {
                headers[header.Name] = header.Value.GetString()!;
            }
        }

        var protocol = OtlpProtocol.HttpProtobuf;
        if (section.TryGetProperty("protocol", out var protocolValue))
        {
            switch (protocolValue.ValueKind == JsonValueKind.String ? protocolValue.GetString() : null)
            {
                case "http/protobuf":
                    break;
                case "grpc":
                    protocol = OtlpProtocol.Grpc;
                    break;
                default:
                    problems.Add($"{Section}.otlp.protocol must be \"http/protobuf\" or \"grpc\"");
                    break;
            }
        }

        var push = Duration(section, "interval", interval, TimeSpan.FromHours(1), Max(interval, TimeSpan.FromSeconds(15)), problems, "otlp.");
        var timeout = Duration(section, "timeout", TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), problems, "otlp.");
        return new OtlpSettings(endpoint, push, headers, timeout) { Protocol = protocol };
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // "statsd": true, or an object without enabled: false.
    private static bool Enabled(JsonElement config, string name, out JsonElement section)
    {
        section = default;
        if (!config.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.False or JsonValueKind.Null)
        {
            return false;
        }

        section = value.ValueKind == JsonValueKind.Object ? value : JsonDocument.Parse("{}").RootElement;
        return !(section.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False);
    }

    private static int? Port(JsonElement section, string name, List<string> problems)
    {
        if (section.TryGetProperty("port", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var port) && port is > 0 and < 65536)
        {
            return port;
        }

        problems.Add($"{Section}.{name}.port must be a port number from 1 to 65535");
        return null;
    }

    private static TimeSpan Duration(JsonElement section, string key, TimeSpan min, TimeSpan max, TimeSpan fallback, List<string> problems, string prefix = "")
    {
        if (!section.TryGetProperty(key, out var value))
        {
            return fallback;
        }

        if (Units.TryParseDuration(value, out var duration) && duration >= min && duration <= max)
        {
            return duration;
        }

        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}.{prefix}{key} must be a duration from {min.TotalSeconds}s to {max.TotalSeconds}s, like \"{fallback.TotalSeconds}s\""));
        return fallback;
    }
}
