namespace OpenDaemon.Kernel.Plugins;

/// <summary>A metric a plugin declares.</summary>
/// <param name="Name">Metric name, for example <c>od_process_restarts_total</c>.</param>
/// <param name="Type">Counter, gauge or histogram.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Labels">Label names.</param>
public sealed record MetricDefinition(string Name, MetricType Type, string Help, IReadOnlyList<string> Labels)
{
    /// <summary>The plugin that declared it (filled in by the kernel).</summary>
    public string? Plugin { get; init; }
}
