using System.Globalization;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// The CPU bandwidth limit of this process's cgroup, in CPUs (1.5 = one and a half), from cgroup v2's
/// <c>cpu.max</c> or cgroup v1's <c>cpu.cfs_quota_us</c>/<c>cpu.cfs_period_us</c>. A limit set on any
/// ancestor applies too, so the smallest along the path up to the mount wins.
/// </summary>
/// <remarks>
/// Inputs are the texts of /proc/self/mountinfo and /proc/self/cgroup; the limit files are read under the
/// mount points they name (tests point those at a temporary directory). v2 is looked at first (pure v2
/// hosts, the common case), then the v1 <c>cpu</c> controller (hybrid and v1 hosts).
/// </remarks>
public static class CpuQuota
{
    /// <summary>The limit of this process; null when there is none (or no cgroup file system is readable).</summary>
    public static double? OfThisProcess()
    {
        try
        {
            return Read(File.ReadAllText("/proc/self/mountinfo"), File.ReadAllText("/proc/self/cgroup"));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The limit given the texts of mountinfo and /proc/self/cgroup; null when none is set.</summary>
    public static double? Read(string mountInfo, string selfCgroup)
    {
        ArgumentNullException.ThrowIfNull(mountInfo);
        ArgumentNullException.ThrowIfNull(selfCgroup);
        double? v2 = null;
        if (CgroupMount.FindV2MountPoint(mountInfo) is { } v2Mount && CgroupMount.FindV2Group(selfCgroup) is { } v2Group)
        {
            v2 = Smallest(v2Mount, v2Group, "/", ReadV2);
        }

        double? v1 = null;
        if (FindV1CpuMount(mountInfo) is { } v1Mount && FindV1CpuGroup(selfCgroup) is { } v1Group)
        {
            v1 = Smallest(v1Mount.MountPoint, v1Group, v1Mount.Root, ReadV1);
        }

        return v2 is null ? v1 : v1 is null ? v2 : Math.Min(v2.Value, v1.Value);
    }

    /// <summary>cgroup v2 <c>cpu.max</c>: "QUOTA PERIOD" or "max PERIOD"; null for no limit or a malformed file.</summary>
    public static double? ParseCpuMax(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return fields.Length >= 1 && fields[0] != "max" && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var quota)
            ? Cpus(quota, fields.Length >= 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var period) ? period : 100_000)
            : null;
    }

    /// <summary>cgroup v1: <c>cpu.cfs_quota_us</c> (-1: none) over <c>cpu.cfs_period_us</c>.</summary>
    public static double? ParseCfs(string quotaText, string periodText) =>
        long.TryParse(quotaText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quota) && quota > 0
        && long.TryParse(periodText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var period)
            ? Cpus(quota, period)
            : null;

    private static double? Cpus(long quota, long period) => quota > 0 && period > 0 ? (double)quota / period : null;

    private static double? ReadV2(string directory) =>
        TryRead(Path.Combine(directory, "cpu.max")) is { } text ? ParseCpuMax(text) : null;

    private static double? ReadV1(string directory) =>
        TryRead(Path.Combine(directory, "cpu.cfs_quota_us")) is { } quota && TryRead(Path.Combine(directory, "cpu.cfs_period_us")) is { } period
            ? ParseCfs(quota, period)
            : null;

    // From the process's cgroup up to the mount's root: the smallest limit on the way.
    private static double? Smallest(string mountPoint, string group, string mountRoot, Func<string, double?> read)
    {
        // A mount of a sub-tree (containers often see their own cgroup as "/") shows paths relative to its root.
        var relative = mountRoot != "/" && group.StartsWith(mountRoot, StringComparison.Ordinal) ? group[mountRoot.Length..] : group;
        var parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        double? smallest = null;
        for (var depth = parts.Length; depth >= 0; depth--)
        {
            var directory = Path.Combine([mountPoint, .. parts[..depth]]);
            if (read(directory) is { } limit)
            {
                smallest = smallest is null ? limit : Math.Min(smallest.Value, limit);
            }
        }

        return smallest;
    }

    // A v1 "cgroup" mount whose super options list the cpu controller ("rw,cpu" or "rw,cpu,cpuacct").
    private static (string MountPoint, string Root)? FindV1CpuMount(string mountInfo)
    {
        foreach (var line in mountInfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (separator < 6 || separator + 3 >= fields.Length || fields[separator + 1] != "cgroup")
            {
                continue;
            }

            if (fields[separator + 3].Split(',').Contains("cpu"))
            {
                return (fields[4], fields[3]);
            }
        }

        return null;
    }

    // The "N:cpu,cpuacct:/path" line of /proc/self/cgroup.
    private static string? FindV1CpuGroup(string selfCgroup)
    {
        foreach (var line in selfCgroup.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(':', 3);
            if (fields.Length == 3 && fields[1].Split(',').Contains("cpu"))
            {
                return fields[2].Trim();
            }
        }

        return null;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
