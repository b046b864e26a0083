using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Plugins.Metrics.Runtime;

namespace OpenDaemon.Plugins.Tests.Metrics.Runtime;

/// <summary>What the daemon keeps of the series an app reports, and how several processes of one instance add up.</summary>
public sealed class CustomMetricRulesTests
{
    private static readonly CustomMetric Histogram = new()
    {
        Name = "latency_seconds",
        Type = "histogram",
        Buckets = [new(0.1, 2), new(0.5, 5)],
        Sum = 1.5,
        Count = 6,
    };

    [Fact]
    public void Keep_DropsEachBrokenSeriesOnItsOwnAndKeepsTheRest()
    {
        CustomMetric[] reported =
        [
            new() { Name = "ok_total", Type = "counter", Value = 3 },
            new() { Name = "negative", Type = "counter", Value = -1 },
            new() { Name = "not_finite", Type = "gauge", Value = double.NaN },
            new() { Name = "summary", Type = "summary", Value = 1 },
            new() { Name = " ", Type = "gauge", Value = 1 },
            new() { Name = new string('n', CustomMetricRules.MaxNameLength + 1), Type = "gauge", Value = 1 },
            new() { Name = "too_many_labels", Type = "gauge", Labels = Enumerable.Range(0, 17).ToDictionary(i => $"l{i}", i => "v") },
            new() { Name = "descending", Type = "histogram", Buckets = [new(1, 1), new(0.5, 1)], Sum = 1, Count = 1 },
            new() { Name = "not_cumulative", Type = "histogram", Buckets = [new(0.5, 2), new(1, 1)], Sum = 1, Count = 2 },
            new() { Name = "over_count", Type = "histogram", Buckets = [new(0.5, 3)], Sum = 1, Count = 2 },
            new() { Name = "no_sum", Type = "histogram", Buckets = [new(0.5, 1)], Count = 1 },
            Histogram,
            new() { Name = "depth", Type = "gauge", Value = -2, Help = new string('h', 600) },
        ];

        var kept = CustomMetricRules.Keep(reported)!;

        Assert.Equal(["ok_total", "latency_seconds", "depth"], kept.Select(s => s.Name));
        Assert.Equal(CustomMetricRules.MaxHelpLength, kept[2].Help!.Length);
    }

    [Fact]
    public void Keep_MoreSeriesThanTheLimit_KeepsTheFirstOnes()
    {
        var reported = Enumerable.Range(0, CustomMetricRules.MaxSeries + 10)
            .Select(i => new CustomMetric { Name = "g", Type = "gauge", Value = i, Labels = new Dictionary<string, string> { ["i"] = $"{i}" } })
            .ToList();

        var kept = CustomMetricRules.Keep(reported)!;

        Assert.Equal(CustomMetricRules.MaxSeries, kept.Count);
        Assert.Equal(CustomMetricRules.MaxSeries - 1, kept[^1].Value);
    }

    [Fact]
    public void Keep_NothingOrNothingValid_IsNull()
    {
        Assert.Null(CustomMetricRules.Keep(null));
        Assert.Null(CustomMetricRules.Keep([new CustomMetric { Name = "x", Type = "counter", Value = -1 }]));
    }

    [Fact]
    public void Combine_SameNameTypeAndLabels_AddsUpWhateverTheLabelOrder()
    {
        var a = new CustomMetric { Name = "jobs", Type = "counter", Value = 2, Labels = new Dictionary<string, string> { ["q"] = "mail", ["p"] = "1" } };
        var b = a with { Value = 5, Labels = new Dictionary<string, string> { ["p"] = "1", ["q"] = "mail" } };
        var other = a with { Value = 7, Labels = new Dictionary<string, string> { ["q"] = "sms" } };

        var combined = CustomMetricRules.Combine([a, Histogram], [b, other, Histogram]);

        Assert.Equal([("jobs", 7.0), ("latency_seconds", 0.0), ("jobs", 7.0)], combined.Select(s => (s.Name, s.Value)));
        Assert.Equal("sms", combined[2].Labels!["q"]);
        Assert.Equal([4L, 10L], combined[1].Buckets!.Select(bucket => bucket.Count));
        Assert.Equal((3.0, 12L), (combined[1].Sum!.Value, combined[1].Count!.Value));
    }

    [Fact]
    public void Combine_HistogramsWithOtherBounds_KeepsTheFirst()
    {
        var other = Histogram with { Buckets = [new(1, 2), new(5, 5)] };

        var combined = CustomMetricRules.Combine([Histogram], [other]);

        Assert.Same(Histogram, Assert.Single(combined));
    }
}
