using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.Metrics.Collection;

/// <summary>One collector pass, immutable: what readers and exporters see until the next pass replaces it.</summary>
/// <param name="Sequence">1 for the first pass, one more for each later one.</param>
/// <param name="At">When the pass was made.</param>
/// <param name="System">The machine's figures.</param>
/// <param name="Processes">Every instance with metrics enabled, ordered by id.</param>
/// <param name="Duration">How long the pass took (on the daemon's clock).</param>
internal sealed record MetricsFrame(long Sequence, DateTimeOffset At, SystemMetrics System, IReadOnlyList<ProcessMetrics> Processes, TimeSpan Duration = default);
