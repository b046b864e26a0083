namespace OpenDaemon.Contracts.Metrics;

/// <summary>Answer of <c>metric.exposition</c>: the latest pass in the Prometheus text format.</summary>
/// <param name="ContentType">The HTTP content type of <paramref name="Text"/>.</param>
/// <param name="Text">The exposition (HELP and TYPE lines, then samples).</param>
/// <param name="IntervalMs">How often the collector makes a new pass, in milliseconds.</param>
public sealed record MetricExposition(string ContentType, string Text, long IntervalMs);
