using System.Text.Json.Serialization;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>The kind of a metric, Prometheus style.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetricType>))]
public enum MetricType
{
    /// <summary>Only goes up.</summary>
    [JsonStringEnumMemberName("counter")] Counter,

    /// <summary>Goes up and down.</summary>
    [JsonStringEnumMemberName("gauge")] Gauge,

    /// <summary>Observations in buckets.</summary>
    [JsonStringEnumMemberName("histogram")] Histogram,
}
