namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary><c>memory</c>: the resident memory of the run's whole process tree (every process of its session) is below <c>maxMemory</c>.</summary>
internal sealed class MemoryProbe(int pid, long maxBytes, TreeUsageCache usage) : IHealthProbe
{
    public async ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        var sample = await usage.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!sample.Sessions.TryGetValue(pid, out var tree))
        {
            return ProbeResult.Fail($"no process of pid {pid}'s tree is running");
        }

        var text = $"memory {Megabytes(tree.ResidentBytes)} of {tree.ProcessCount} process{(tree.ProcessCount == 1 ? "" : "es")}, limit {Megabytes(maxBytes)}";
        return tree.ResidentBytes < maxBytes ? ProbeResult.Pass(text) : ProbeResult.Fail(text);
    }

    internal static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):0.#} MB";
}
