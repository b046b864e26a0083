using System.Text;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Metrics.Export;

namespace OpenDaemon.Plugins.Tests.Metrics.Export;

/// <summary>Apps' own series as Prometheus families: names, types, labels beside the daemon's, and clashes.</summary>
public sealed class PrometheusCustomFamiliesTests
{
    [Fact]
    public void Write_CounterGaugeAndHistogramOfTwoApps_OneFamilyPerNameWithTheAppLabelsFirst()
    {
        var web = Row("web", new CustomMetric { Name = "orders", Type = "counter", Help = "Orders placed.", Value = 3, Labels = Label("region", "eu") },
            new CustomMetric { Name = "latency_seconds", Type = "histogram", Buckets = [new(0.1, 2), new(0.5, 5)], Sum = 1.25, Count = 6 });
        var api = Row("api", new CustomMetric { Name = "orders", Type = "counter", Value = 4 }, new CustomMetric { Name = "queue.depth", Type = "gauge", Value = -2 });

        var text = Write(web, api);

        Assert.Equal(
            """
            # HELP od_app_orders_total Orders placed.
            # TYPE od_app_orders_total counter
            od_app_orders_total{name="web",region="eu"} 3
            od_app_orders_total{name="api"} 4
            # HELP od_app_latency_seconds Reported by the app.
            # TYPE od_app_latency_seconds histogram
            od_app_latency_seconds_bucket{name="web",le="0.1"} 2
            od_app_latency_seconds_bucket{name="web",le="0.5"} 5
            od_app_latency_seconds_bucket{name="web",le="+Inf"} 6
            od_app_latency_seconds_sum{name="web"} 1.25
            od_app_latency_seconds_count{name="web"} 6
            # HELP od_app_queue_depth Reported by the app.
            # TYPE od_app_queue_depth gauge
            od_app_queue_depth{name="api"} -2

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Write_OneNameWithTwoTypes_KeepsTheFirstTypeOnly()
    {
        var text = Write(
            Row("web", new CustomMetric { Name = "depth", Type = "gauge", Value = 1 }),
            Row("api", new CustomMetric { Name = "depth", Type = "histogram", Buckets = [], Sum = 0, Count = 0 }));

        Assert.Contains("# TYPE od_app_depth gauge\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("histogram", text, StringComparison.Ordinal);
        Assert.DoesNotContain("api", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LabelsThatClashWithTheDaemonsOrEachOther_AreRenamedOrLeftOut()
    {
        var labels = new Dictionary<string, string> { ["name"] = "mine", ["le"] = "x", ["a-b"] = "1", ["a_b"] = "2", ["app_a_b"] = "3", ["path"] = "a\"b\\c\nd" };

        var text = Write(Row("web", new CustomMetric { Name = "hits", Type = "gauge", Value = 1, Labels = labels }));

        Assert.Contains("od_app_hits{name=\"web\",app_name=\"mine\",app_le=\"x\",a_b=\"1\",app_a_b=\"2\",app_app_a_b=\"3\",path=\"a\\\"b\\\\c\\nd\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FamilyName_SanitisesSuffixesCountersOnceAndKeepsGaugesOffHistogramSuffixes()
    {
        Assert.Equal("od_app_http_requests_total", PrometheusCustomFamilies.FamilyName(new CustomMetric { Name = "http.requests", Type = "counter" }));
        Assert.Equal("od_app_jobs_total", PrometheusCustomFamilies.FamilyName(new CustomMetric { Name = "jobs_total", Type = "counter" }));
        Assert.Equal("od_app_a_b_c", PrometheusCustomFamilies.FamilyName(new CustomMetric { Name = "a-b c", Type = "gauge" }));
    }

    private static string Write(params (string Labels, ProcessMetrics Row)[] rows)
    {
        var text = new StringBuilder();
        PrometheusCustomFamilies.Write(text, rows);
        return text.ToString();
    }

    private static (string Labels, ProcessMetrics Row) Row(string name, params CustomMetric[] custom) =>
        ($"name=\"{name}\"", new ProcessMetrics { Id = 0, Name = name, Instance = 0, Namespace = "default", Status = ProcessState.Online, Restarts = 0, Custom = custom });

    private static Dictionary<string, string> Label(string key, string value) => new() { [key] = value };
}
