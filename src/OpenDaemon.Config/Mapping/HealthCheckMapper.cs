using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>Maps a health check (spec §3.2) and checks that the fields its type needs are there.</summary>
internal static partial class HealthCheckMapper
{
    /// <summary>A check whose relative paths (<c>caFile</c>) are relative to the config file's directory.</summary>
    public static HealthCheckConfig Map(ObjectReader r) => Map(r, r.Context.BaseDirectory);

    /// <summary>A check whose relative paths are relative to <paramref name="baseDirectory"/> (the app's cwd).</summary>
    public static HealthCheckConfig Map(ObjectReader r, string baseDirectory)
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
            Method = Method(r) ?? defaults.Method,
            Headers = r.StringMap("headers") ?? defaults.Headers,
            ExpectedStatus = ExpectedStatus(r) ?? defaults.ExpectedStatus,
            ExpectedBody = ExpectedBody(r),
            VerifyCertificate = r.Bool("verifyCertificate") ?? defaults.VerifyCertificate,
            CaFile = CaFile(r, baseDirectory),
            Host = r.String("host") ?? defaults.Host,
            Port = r.Int("port", 1, 65535),
            Service = r.String("service"),
            Command = r.String("command"),
            Args = r.StringList("args", splitString: true) ?? defaults.Args,
            Checks = r.ObjectList("checks", nested => Map(nested, baseDirectory)) ?? defaults.Checks,
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
}
