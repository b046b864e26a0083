using System.Text.Json;
using System.Text.RegularExpressions;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>Maps a health check (spec §3.2) and checks that the fields its type needs are there.</summary>
internal static class HealthCheckMapper
{
    public static HealthCheckConfig Map(ObjectReader r)
    {
        var defaults = new HealthCheckConfig();
        var type = r.Enum<HealthCheckType>("type") ?? defaults.Type;
        var check = new HealthCheckConfig
        {
            Type = type,
            Interval = Positive(r, "interval") ?? defaults.Interval,
            Timeout = Positive(r, "timeout") ?? defaults.Timeout,
            FailureThreshold = r.Int("failureThreshold", min: 1) ?? defaults.FailureThreshold,
            SuccessThreshold = r.Int("successThreshold", min: 1) ?? defaults.SuccessThreshold,
            InitialDelay = r.Duration("initialDelay") ?? defaults.InitialDelay,
            Action = r.Enum<HealthCheckAction>("action") ?? defaults.Action,
            Url = Url(r, type),
            Method = r.String("method")?.ToUpperInvariant() ?? defaults.Method,
            Headers = r.StringMap("headers") ?? defaults.Headers,
            ExpectedStatus = ExpectedStatus(r) ?? defaults.ExpectedStatus,
            ExpectedBody = ExpectedBody(r),
            VerifyCertificate = r.Bool("verifyCertificate") ?? defaults.VerifyCertificate,
            Host = r.String("host") ?? defaults.Host,
            Port = r.Int("port", 1, 65535),
            Service = r.String("service"),
            Command = r.String("command"),
            Args = r.StringList("args", splitString: true) ?? defaults.Args,
            Checks = r.ObjectList("checks", Map) ?? defaults.Checks,
            Operator = r.Enum<CompositeOperator>("operator") ?? defaults.Operator,
            MaxMemory = r.Size("maxMemory"),
            MaxCpu = r.Number("maxCpu", 0, double.MaxValue, exclusiveMin: true),
        };
        RequireFieldsOfType(r, check);
        return check;
    }

    private static void RequireFieldsOfType(ObjectReader r, HealthCheckConfig check)
    {
        (string? key, string? what) = check.Type switch
        {
            HealthCheckType.Http or HealthCheckType.Https when check.Url is null => ("url", "a URL like \"http://localhost:3000/health\""),
            HealthCheckType.Tcp or HealthCheckType.Grpc when check.Port is null && check.Url is null => ("port", "a port from 1 to 65535"),
            HealthCheckType.Script or HealthCheckType.Command when check.Command is null => ("command", "a command to run"),
            HealthCheckType.Composite when check.Checks.Count == 0 => ("checks", "a list of at least one health check"),
            HealthCheckType.Memory when check.MaxMemory is null => ("maxMemory", "a size like \"512M\""),
            HealthCheckType.Cpu when check.MaxCpu is null => ("maxCpu", "a percentage like 90"),
            _ => (null, null),
        };
        if (key is not null && !r.Has(key))
        {
            var type = EnumNames<HealthCheckType>.Name(check.Type);
            r.Context.Problem(r.PathOf(key), $"a '{type}' health check needs '{key}'", null, what);
        }
    }

    private static TimeSpan? Positive(ObjectReader r, string key)
    {
        var value = r.Duration(key);
        if (value == TimeSpan.Zero)
        {
            r.Context.Problem(r.PathOf(key), "expected a duration greater than zero, found 0", "0", "a duration greater than zero");
            return null;
        }

        return value;
    }

    private static string? Url(ObjectReader r, HealthCheckType type)
    {
        if (r.String("url") is not { } text)
        {
            return null;
        }

        var ok = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
        if (ok && type == HealthCheckType.Https && uri!.Scheme != "https")
        {
            r.Context.Problem(r.PathOf("url"), $"an 'https' health check needs an https:// URL, found {ObjectReader.Quote(text)}", ObjectReader.Quote(text), "an https:// URL");
            return null;
        }

        if (!ok)
        {
            r.Context.Problem(r.PathOf("url"), $"expected an absolute http:// or https:// URL, found {ObjectReader.Quote(text)}", ObjectReader.Quote(text), "an absolute http:// or https:// URL");
            return null;
        }

        return text;
    }

    private static IReadOnlyList<int>? ExpectedStatus(ObjectReader r) =>
        r.NumberList("expectedStatus", 100, 599, single: true)?.Select(code => (int)code).ToArray();

    private static BodyMatch? ExpectedBody(ObjectReader r)
    {
        var value = r.Get("expectedBody");
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.String => new BodyMatch { Text = value.Value.GetString()! },
            JsonValueKind.Object => r.Object("expectedBody", RegexBody),
            _ => r.Invalid<BodyMatch>("expectedBody", value.Value, "a string or { \"regex\": \"pattern\" }"),
        };
    }

    private static BodyMatch? RegexBody(ObjectReader r)
    {
        var pattern = r.String("regex", required: true);
        var flags = r.String("flags") ?? string.Empty;
        if (flags.Any(f => f is not ('i' or 'g' or 'm' or 's' or 'u')))
        {
            r.Context.Problem(r.PathOf("flags"), $"unsupported regex flags {ObjectReader.Quote(flags)}", ObjectReader.Quote(flags), "some of i, m, s");
        }

        if (pattern is null)
        {
            return null;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            r.Context.Problem(r.PathOf("regex"), $"invalid regular expression {ObjectReader.Quote(pattern)}: {ex.Message}", ObjectReader.Quote(pattern), "a valid .NET regular expression");
            return null;
        }

        return new BodyMatch { Text = pattern, IsRegex = true, IgnoreCase = flags.Contains('i', StringComparison.Ordinal) };
    }
}
