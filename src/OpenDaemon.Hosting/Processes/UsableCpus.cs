using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// How many CPUs the daemon's processes may really use: the CPUs of its affinity mask
/// (sched_getaffinity: taskset, cpusets) capped by its cgroup's CPU quota (<see cref="CpuQuota"/>).
/// This is what <c>instances: max</c> follows, so that a container limited to 2 CPUs on a 64-core host
/// runs 2 instances, not 64.
/// </summary>
public static class UsableCpus
{
    /// <summary>The count for this process (at least 1).</summary>
    public static int Count() => Combine(LibC.AffinityCount() ?? Environment.ProcessorCount, CpuQuota.OfThisProcess());

    /// <summary>
    /// <paramref name="affinity"/> CPUs limited by <paramref name="quota"/> CPUs, rounded down (a quota of
    /// 1.5 CPUs runs one instance at full speed rather than two throttled ones), and never below 1.
    /// </summary>
    public static int Combine(int affinity, double? quota)
    {
        var count = Math.Max(1, affinity);
        return quota is { } limit ? Math.Clamp((int)Math.Floor(limit), 1, count) : count;
    }
}
