namespace OpenDaemon.Cli.Monit;

/// <summary>
/// The recent CPU and memory samples of one instance, oldest first, as the dashboard received them
/// (one per metrics pass). Immutable: <see cref="Add"/> returns a new series, so a model can be shared.
/// </summary>
internal sealed record MetricSeries(IReadOnlyList<double> Cpu, IReadOnlyList<double> Memory)
{
    /// <summary>How many samples are kept: more than the widest sparkline of a 200-column terminal.</summary>
    public const int Capacity = 120;

    public static MetricSeries Empty { get; } = new([], []);

    public MetricSeries Add(double? cpu, long? memory) => new(Append(Cpu, cpu), Append(Memory, memory));

    /// <summary>The last <see cref="Capacity"/> points of the daemon's history, oldest first.</summary>
    public static MetricSeries From(IReadOnlyList<Contracts.Metrics.ProcessPoint> points)
    {
        var recent = points.Skip(Math.Max(0, points.Count - Capacity)).ToList();
        return new([.. recent.Where(p => p.CpuPercent is not null).Select(p => p.CpuPercent!.Value)], [.. recent.Select(p => (double)p.MemoryBytes)]);
    }

    private static IReadOnlyList<double> Append(IReadOnlyList<double> samples, double? value)
    {
        if (value is not { } sample)
        {
            return samples;
        }

        var skip = Math.Max(0, samples.Count + 1 - Capacity);
        var next = new double[samples.Count - skip + 1];
        for (var index = skip; index < samples.Count; index++)
        {
            next[index - skip] = samples[index];
        }

        next[^1] = sample;
        return next;
    }
}
