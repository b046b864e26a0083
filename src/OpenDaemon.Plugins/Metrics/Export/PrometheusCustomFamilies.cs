using System.Globalization;
using System.Text;
using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.Metrics.Export;

/// <summary>
/// The series apps report themselves, as Prometheus families named <c>od_app_&lt;name&gt;</c> (counters get the
/// <c>_total</c> suffix Prometheus expects): one family per name across all apps, its samples together, the app's
/// labels (name, id, instance, namespace, metrics.labels) first and the series' own after them. When two apps use
/// one name with different types, the first type seen wins and the other series are left out — Prometheus cannot
/// hold both.
/// </summary>
internal static class PrometheusCustomFamilies
{
    private const string Prefix = "od_app_";
    private static readonly string[] ReservedLabels = ["name", "id", "instance", "namespace", "le"];
    private static readonly string[] HistogramSuffixes = ["_count", "_sum", "_bucket"];

    public static void Write(StringBuilder text, IReadOnlyList<(string Labels, ProcessMetrics Row)> rows)
    {
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var order = new List<Family>();
        foreach (var (appLabels, row) in rows)
        {
            var taken = ReservedLabels.Concat((row.Labels?.Keys ?? []).Select(PrometheusText.LabelName)).ToHashSet(StringComparer.Ordinal);
            foreach (var series in row.Custom ?? [])
            {
                var name = FamilyName(series);
                if (!families.TryGetValue(name, out var family))
                {
                    family = new Family(name, series.Type, []);
                    families[name] = family;
                    order.Add(family);
                }

                if (family.Type == series.Type)
                {
                    family.Help ??= series.Help;
                    family.Samples.Add((appLabels + SeriesLabels(series, taken), series));
                }
            }
        }

        foreach (var family in order)
        {
            WriteFamily(text, family);
        }
    }

    private static void WriteFamily(StringBuilder text, Family family)
    {
        var help = string.IsNullOrWhiteSpace(family.Help) ? "Reported by the app." : family.Help;
        text.Append("# HELP ").Append(family.Name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
        foreach (var (labels, series) in family.Samples)
        {
            if (family.Type != "histogram")
            {
                Sample(text, family.Name, labels, series.Value);
                continue;
            }

            foreach (var bucket in series.Buckets ?? [])
            {
                Sample(text, family.Name + "_bucket", labels + $",le=\"{PrometheusText.Number(bucket.Le)}\"", bucket.Count);
            }

            Sample(text, family.Name + "_bucket", labels + ",le=\"+Inf\"", series.Count ?? 0);
            Sample(text, family.Name + "_sum", labels, series.Sum ?? 0);
            Sample(text, family.Name + "_count", labels, series.Count ?? 0);
        }
    }

    private static void Sample(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append('{').Append(labels).Append("} ").Append(PrometheusText.Number(value)).Append('\n');

    /// <summary>
    /// <c>od_app_</c> and the name with every character Prometheus does not accept as '_'; counters end in
    /// <c>_total</c>, and a gauge named like a histogram's sample (<c>_count</c>, <c>_sum</c>, <c>_bucket</c>: .NET's
    /// <c>dotnet.assembly.count</c>) gets <c>_value</c> after it, so that neither promtool nor a histogram of the
    /// same stem is confused.
    /// </summary>
    internal static string FamilyName(CustomMetric series)
    {
        var name = Prefix + new string([.. series.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_')]);
        return series.Type switch
        {
            "counter" => name.EndsWith("_total", StringComparison.Ordinal) ? name : name + "_total",
            "gauge" when HistogramSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal)) => name + "_value",
            _ => name,
        };
    }

    // The series' own labels after the app's. One that would repeat a label already written (the daemon's, the
    // app's metrics.labels, or two keys that sanitise alike) is renamed app_<label>, and left out if that is taken too.
    private static string SeriesLabels(CustomMetric series, IReadOnlySet<string> taken)
    {
        var labels = new StringBuilder();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in series.Labels ?? new Dictionary<string, string>())
        {
            var name = PrometheusText.LabelName(key);
            name = taken.Contains(name) || written.Contains(name) ? "app_" + name : name;
            if (taken.Contains(name) || !written.Add(name))
            {
                continue;
            }

            labels.Append(CultureInfo.InvariantCulture, $",{name}=\"{PrometheusText.Escape(value)}\"");
        }

        return labels.ToString();
    }

    private sealed class Family(string name, string type, List<(string Labels, CustomMetric Series)> samples)
    {
        public string Name { get; } = name;

        public string Type { get; } = type;

        public string? Help { get; set; }

        public List<(string Labels, CustomMetric Series)> Samples { get; } = samples;
    }
}
