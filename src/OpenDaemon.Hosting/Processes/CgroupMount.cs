using System.Text;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// Where the cgroup v2 hierarchy is mounted and which of its cgroups this process is in, from
/// /proc/self/mountinfo and /proc/self/cgroup. Works on pure v2 hosts (/sys/fs/cgroup) and on hybrid
/// ones (v1 controllers plus a controller-less v2 tree, usually at /sys/fs/cgroup/unified).
/// </summary>
internal static class CgroupMount
{
    /// <summary>The mount point of the first cgroup2 file system in <paramref name="mountInfo"/>; null when there is none.</summary>
    /// <remarks>
    /// A mountinfo line: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS".
    /// Only a mount of the hierarchy's root ("/") is usable: a bind mount of a sub-cgroup would put our
    /// cgroup path at the wrong place.
    /// </remarks>
    public static string? FindV2MountPoint(string mountInfo)
    {
        foreach (string line in mountInfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split(' ');
            int separator = Array.IndexOf(fields, "-");
            if (separator < 6 || separator + 1 >= fields.Length || fields[separator + 1] != "cgroup2" || fields[3] != "/")
            {
                continue;
            }

            return Unescape(fields[4]);
        }

        return null;
    }

    /// <summary>The v2 cgroup ("0::/path" line) in <paramref name="procSelfCgroup"/>; null when there is none.</summary>
    public static string? FindV2Group(string procSelfCgroup)
    {
        foreach (string line in procSelfCgroup.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("0::", StringComparison.Ordinal))
            {
                string path = line[3..].Trim();

                // " (deleted)": our cgroup was removed under us; nothing can be created in it.
                return path.StartsWith('/') && !path.EndsWith(" (deleted)", StringComparison.Ordinal) ? path : null;
            }
        }

        return null;
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo (octal).
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(string text, int start) =>
        start + 3 <= text.Length && text.AsSpan(start, 3).IndexOfAnyExceptInRange('0', '7') < 0;
}
