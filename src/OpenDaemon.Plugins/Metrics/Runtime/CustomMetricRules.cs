using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.Metrics.Runtime;

/// <summary>
/// What the daemon keeps of the series an app reports: bounded in number and size, finite, histograms well formed.
/// A series that breaks a rule is dropped on its own — an app's bug costs that series, not its other metrics — and
/// several processes of one instance reporting the same series are added up.
/// </summary>
internal static class CustomMetricRules
{
    public const int MaxSeries = 500;
    public const int MaxNameLength = 128;
    public const int MaxHelpLength = 512;
    public const int MaxLabels = 16;
    public const int MaxLabelLength = 256;
    public const int MaxBuckets = 64;

    private static readonly string[] Types = ["counter", "gauge", "histogram"];

    /// <summary>The series of <paramref name="reported"/> that are kept, at most <see cref="MaxSeries"/>; null when none is.</summary>
    public static IReadOnlyList<CustomMetric>? Keep(IReadOnlyList<CustomMetric>? reported)
    {
        if (reported is null)
        {
            return null;
        }

        var kept = new List<CustomMetric>(Math.Min(reported.Count, MaxSeries));
        foreach (var series in reported)
        {
            if (kept.Count == MaxSeries)
            {
                break;
            }

            if (IsWellFormed(series))
            {
                kept.Add(series.Help is { Length: > MaxHelpLength } help ? series with { Help = help[..MaxHelpLength] } : series);
            }
        }

        return kept.Count == 0 ? null : kept;
    }

    /// <summary>The series of several processes of one instance: the same name, type and labels are added up.</summary>
    public static IReadOnlyList<CustomMetric> Combine(IReadOnlyList<CustomMetric> a, IReadOnlyList<CustomMetric> b)
    {
        var byKey = new Dictionary<string, CustomMetric>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var series in a.Concat(b))
        {
            var key = Key(series);
            if (byKey.TryGetValue(key, out var other))
            {
                byKey[key] = Add(other, series);
            }
            else
            {
                byKey[key] = series;
                order.Add(key);
            }
        }

        return [.. order.Select(key => byKey[key])];
    }

    private static bool IsWellFormed(CustomMetric? series)
    {
        if (series is null || string.IsNullOrWhiteSpace(series.Name) || series.Name.Length > MaxNameLength || !Types.Contains(series.Type, StringComparer.Ordinal)
            || !double.IsFinite(series.Value) || !LabelsAreBounded(series.Labels))
        {
            return false;
        }

        return series.Type switch
        {
            "counter" => series.Value >= 0,
            "histogram" => HistogramIsWellFormed(series),
            _ => true,
        };
    }

    private static bool LabelsAreBounded(IReadOnlyDictionary<string, string>? labels) =>
        labels is null || (labels.Count <= MaxLabels
            && labels.All(pair => pair.Key.Length is > 0 and <= MaxLabelLength && pair.Value is { Length: <= MaxLabelLength }));

    // Buckets by strictly ascending finite bound, cumulative counts that never exceed the total.
    private static bool HistogramIsWellFormed(CustomMetric series)
    {
        if (series.Buckets is not { Count: <= MaxBuckets } buckets || series.Count is not >= 0 || series.Sum is not { } sum || !double.IsFinite(sum))
        {
            return false;
        }

        for (var i = 0; i < buckets.Count; i++)
        {
            var bucket = buckets[i];
            if (bucket is null || !double.IsFinite(bucket.Le) || bucket.Count < 0 || bucket.Count > series.Count
                || (i > 0 && (bucket.Le <= buckets[i - 1].Le || bucket.Count < buckets[i - 1].Count)))
            {
                return false;
            }
        }

        return true;
    }

    private static string Key(CustomMetric series) =>
        series.Name + '\0' + series.Type + '\0' + string.Join('\0', (series.Labels ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + '=' + p.Value));

    // Histograms add bucket by bucket only when their bounds agree; otherwise the first one stands.
    private static CustomMetric Add(CustomMetric a, CustomMetric b)
    {
        if (a.Type != "histogram")
        {
            return a with { Value = a.Value + b.Value };
        }

        if (a.Buckets is not { } first || b.Buckets is not { } second || !first.Select(x => x.Le).SequenceEqual(second.Select(x => x.Le)))
        {
            return a;
        }

        return a with
        {
            Buckets = [.. first.Zip(second, (x, y) => new HistogramBucket(x.Le, x.Count + y.Count))],
            Sum = a.Sum + b.Sum,
            Count = a.Count + b.Count,
        };
    }
}
