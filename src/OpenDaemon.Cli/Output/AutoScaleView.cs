using System.Globalization;
using OpenDaemon.Contracts.Scaling;

namespace OpenDaemon.Cli.Output;

/// <summary>The lines <c>od info</c> adds for an app with <c>cluster.autoScale</c>: its bounds, each rule's metric against its threshold, and the last decisions.</summary>
internal static class AutoScaleView
{
    private const int ShownDecisions = 3;

    public static IEnumerable<string> Detail(AutoScaledApp app, CliOutput output, DateTimeOffset now, int labelWidth)
    {
        string Label(string label) => label.PadRight(labelWidth);
        yield return $"{Label("autoscale")}{app.Instances} instance{(app.Instances == 1 ? "" : "s")} "
            + output.Dim($"(min {app.Min}, max {app.Max}{(app.Enabled ? "" : ", disabled")})");
        if (app.ScaleUp is { } up)
        {
            yield return $"{Label("scale up")}{Rule(up, ">", output, now)}";
        }

        if (app.ScaleDown is { } down)
        {
            yield return $"{Label("scale down")}{Rule(down, "<", output, now)}";
        }

        if (app.Waiting is { } waiting)
        {
            yield return $"{Label(string.Empty)}{output.Yellow(waiting)}";
        }

        foreach (var decision in app.Decisions.TakeLast(ShownDecisions))
        {
            var what = $"{decision.From} → {decision.To} at {HumanFormat.Timestamp(decision.At)}: {decision.Reason}";
            yield return $"{Label("autoscaled")}{(decision.Error is { } error ? output.Red($"{what} — failed: {error}") : what)}";
        }
    }

    private static string Rule(AutoScaleRuleState rule, string comparison, CliOutput output, DateTimeOffset now)
    {
        var value = rule.Value is { } figure ? figure.ToString("0.##", CultureInfo.InvariantCulture) : "?";
        var duration = HumanFormat.Duration(TimeSpan.FromMilliseconds(rule.DurationMs));
        var state = rule.PastThresholdSince is { } since
            ? output.Yellow($" (past it for {HumanFormat.Duration(now - since)} of {duration})")
            : output.Dim($" (for {duration})");
        return $"{rule.Metric} {value} {comparison} {rule.Threshold.ToString("0.##", CultureInfo.InvariantCulture)}{state}";
    }
}
