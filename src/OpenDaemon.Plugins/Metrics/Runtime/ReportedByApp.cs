using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.Metrics.Runtime;

/// <summary>What an app instance's processes last reported over the runtime socket.</summary>
/// <param name="Node">The Node preload's figures; null when no Node process of the instance reports.</param>
/// <param name="Custom">The series the app reports itself; null when it reports none.</param>
internal sealed record ReportedByApp(NodeRuntimeMetrics? Node, IReadOnlyList<CustomMetric>? Custom);
