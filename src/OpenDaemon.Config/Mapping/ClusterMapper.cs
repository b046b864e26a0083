using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>Maps <c>cluster</c> (load balancing, sticky sessions, auto-scaling; spec §3.5).</summary>
internal static class ClusterMapper
{
    public static ClusterConfig Map(ObjectReader r)
    {
        var defaults = new ClusterConfig();
        return new ClusterConfig
        {
            Strategy = r.Enum<LoadBalancingStrategy>("strategy") ?? defaults.Strategy,
            Sticky = r.Bool("sticky") ?? defaults.Sticky,
            RouteByHeader = HeaderName(r, "routeByHeader"),
            Tls = r.Object("tls", Tls),
            Weights = r.NumberList("weights", 1, 1000, single: false)?.Select(w => (int)w).ToArray() ?? defaults.Weights,
            AutoScale = r.Object("autoScale", AutoScale),
        };
    }

    // PEM files that exist; the proxy loads them when the app starts (and says so if they do not parse).
    private static ClusterTls? Tls(ObjectReader r)
    {
        var cert = PemFile(r, "cert", required: true);
        var key = PemFile(r, "key", required: false);
        return cert is null ? null : new ClusterTls(cert, key);
    }

    private static string? PemFile(ObjectReader r, string key, bool required)
    {
        var path = r.String(key, required) is { } given ? ObjectReader.MakeAbsolute(given, r.Context.BaseDirectory) : null;
        if (path is not null && !File.Exists(path))
        {
            r.Context.Problem(r.PathOf(key), $"{path} does not exist", ObjectReader.Quote(path), key == "cert" ? "the path of a PEM certificate" : "the path of its PEM private key");
            return null;
        }

        return path;
    }

    // An HTTP header name (RFC 9110's token: letters, digits and !#$%&'*+-.^_`|~).
    private static string? HeaderName(ObjectReader r, string key)
    {
        var name = r.String(key);
        if (name is null || (name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c))))
        {
            return name;
        }

        r.Context.Problem(r.PathOf(key), $"'{name}' is not an HTTP header name", name, "a header name, like \"X-Tenant\"");
        return null;
    }

    private static AutoScaleConfig AutoScale(ObjectReader r)
    {
        var defaults = new AutoScaleConfig();
        var min = r.Int("min", min: 1) ?? defaults.Min;
        var max = r.Int("max", min: 1);
        if (max is null && !r.Has("max"))
        {
            r.Context.Problem(r.PathOf("max"), "'max' is required", null, "a whole number ≥ 'min'");
        }
        else if (max < min)
        {
            r.Context.Problem(r.PathOf("max"), $"'max' ({max}) must be ≥ 'min' ({min})", $"{max}", $"a whole number ≥ {min}");
        }

        var up = r.Object("scaleUp", Rule);
        var down = r.Object("scaleDown", Rule);
        if (up is not null && down is not null && up.Metric == down.Metric && up.Name == down.Name && down.Threshold >= up.Threshold)
        {
            // Both at once would scale up and down in turn: the band between them is where the count holds.
            r.Context.Problem(
                r.PathOf("scaleDown") + ".threshold",
                $"the scale-down threshold ({down.Threshold}) must be below the scale-up threshold ({up.Threshold}) of the same metric",
                $"{down.Threshold}",
                $"a number < {up.Threshold}");
        }

        return new AutoScaleConfig
        {
            Enabled = r.Bool("enabled") ?? defaults.Enabled,
            Min = min,
            Max = max ?? min,
            ScaleUp = up,
            ScaleDown = down,
        };
    }

    private static ScaleRule Rule(ObjectReader r)
    {
        var defaults = new ScaleRule();
        var threshold = r.Number("threshold", min: 0);
        if (threshold is null && !r.Has("threshold"))
        {
            r.Context.Problem(r.PathOf("threshold"), "'threshold' is required", null, "a number ≥ 0");
        }

        var metric = r.Enum<ScaleMetric>("metric") ?? defaults.Metric;
        var name = r.String("name");
        if (metric == ScaleMetric.Custom && name is null && !r.Has("name"))
        {
            r.Context.Problem(r.PathOf("name"), "'name' is required with metric custom", null, "the name of a gauge the app reports, like \"queue_depth\"");
        }

        return new ScaleRule
        {
            Metric = metric,
            Name = name,
            Threshold = threshold ?? 0,
            Duration = r.Duration("duration") ?? defaults.Duration,
            Step = r.Int("step", min: 1) ?? defaults.Step,
            Cooldown = r.Duration("cooldown") ?? defaults.Cooldown,
        };
    }
}
