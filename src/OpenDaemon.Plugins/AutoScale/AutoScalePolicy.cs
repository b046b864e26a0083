using System.Globalization;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.AutoScale;

/// <summary>
/// The decision of one metrics pass (spec §3.5): scale up by <c>step</c> once the scale-up metric has stayed above
/// its threshold for <c>duration</c>, down once the scale-down metric has stayed below its own, never past
/// <c>min</c>/<c>max</c>, and not again before the rule's <c>cooldown</c> since the last scaling. An app outside
/// [min, max] (a config change) is brought back at once. Pure: the clock and the figures are given.
/// </summary>
internal static class AutoScalePolicy
{
    /// <summary>Updates the windows in <paramref name="state"/> and returns the new count with why, or null to stay.</summary>
    public static (int To, string Reason)? Decide(AutoScaleConfig config, int current, AppScaleState state, double? upValue, double? downValue, DateTimeOffset now)
    {
        state.UpValue = upValue;
        state.DownValue = downValue;
        state.UpSince = PastThreshold(config.ScaleUp, upValue, above: true) ? state.UpSince ?? now : null;
        state.DownSince = PastThreshold(config.ScaleDown, downValue, above: false) ? state.DownSince ?? now : null;
        if (current < config.Min)
        {
            return (config.Min, $"below min {config.Min}");
        }

        if (current > config.Max)
        {
            return (config.Max, $"above max {config.Max}");
        }

        if (config.ScaleUp is { } up && current < config.Max && Due(up, state.UpSince, state.LastScaleAt, now))
        {
            return (Math.Min(current + up.Step, config.Max), Reason(up, upValue!.Value, ">"));
        }

        if (config.ScaleDown is { } down && current > config.Min && Due(down, state.DownSince, state.LastScaleAt, now))
        {
            return (Math.Max(current - down.Step, config.Min), Reason(down, downValue!.Value, "<"));
        }

        return null;
    }

    /// <summary>How a metric is named in reasons and in <c>od info</c>: <c>cpu</c>, <c>custom:queue_depth</c>.</summary>
    public static string MetricName(ScaleRule rule) => rule.Metric switch
    {
        ScaleMetric.Cpu => "cpu",
        ScaleMetric.Memory => "memory",
        ScaleMetric.EventLoopLatency => "event-loop-latency",
        _ => $"custom:{rule.Name}",
    };

    private static bool PastThreshold(ScaleRule? rule, double? value, bool above) =>
        rule is not null && value is { } figure && (above ? figure > rule.Threshold : figure < rule.Threshold);

    private static bool Due(ScaleRule rule, DateTimeOffset? since, DateTimeOffset? lastScaleAt, DateTimeOffset now) =>
        since is { } start && now - start >= rule.Duration && (lastScaleAt is not { } last || now - last >= rule.Cooldown);

    private static string Reason(ScaleRule rule, double value, string comparison) => string.Create(
        CultureInfo.InvariantCulture,
        $"{MetricName(rule)} {value:0.##}{Unit(rule.Metric)} {comparison} {rule.Threshold:0.##} for {rule.Duration.TotalSeconds:0.###}s");

    private static string Unit(ScaleMetric metric) => metric switch
    {
        ScaleMetric.Cpu or ScaleMetric.Memory => " %",
        ScaleMetric.EventLoopLatency => " ms",
        _ => "",
    };
}
