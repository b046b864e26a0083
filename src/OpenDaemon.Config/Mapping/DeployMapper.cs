using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>Maps <c>deploy</c> (spec §3.6).</summary>
internal static class DeployMapper
{
    public static DeployConfig Map(ObjectReader r)
    {
        var defaults = new DeployConfig();
        var strategy = r.Enum<DeployStrategy>("strategy") ?? defaults.Strategy;
        var maxUnavailable = r.Int("maxUnavailable", min: 0) ?? defaults.MaxUnavailable;
        var maxSurge = r.Int("maxSurge", min: 0) ?? defaults.MaxSurge;
        if (maxUnavailable == 0 && maxSurge == 0)
        {
            r.Context.Problem(r.PathOf("maxSurge"), "'maxUnavailable' and 'maxSurge' cannot both be 0: the rollout could never progress", "0", "a whole number ≥ 1");
        }

        var steps = r.NumberList("canarySteps", 0, 100, single: false) ?? defaults.CanarySteps;
        for (var i = 1; i < steps.Count; i++)
        {
            if (steps[i] <= steps[i - 1])
            {
                r.Context.Problem(JsonPath.Index(r.PathOf("canarySteps"), i), "canary steps must increase", $"{steps[i]}", $"a number > {steps[i - 1]}");
            }
        }

        return new DeployConfig
        {
            Strategy = strategy,
            MaxUnavailable = maxUnavailable,
            MaxSurge = maxSurge,
            CanaryPercent = r.Number("canaryPercent", 0, 100, exclusiveMin: true),
            CanarySteps = steps,
            CanaryAnalysis = r.Object("canaryAnalysis", CanaryAnalysis),
            SwitchTimeout = r.Duration("switchTimeout"),
            HealthCheck = r.Object("healthCheck", HealthCheckMapper.Map),
            RollbackOnFailure = r.Bool("rollbackOnFailure") ?? defaults.RollbackOnFailure,
            Timeout = r.Duration("timeout"),
        };
    }

    private static CanaryAnalysisConfig CanaryAnalysis(ObjectReader r) => new()
    {
        Metrics = r.StringList("metrics") ?? [],
        Threshold = r.Number("threshold", min: 0) ?? 0,
        Duration = r.Duration("duration") ?? TimeSpan.Zero,
    };
}
