using System.Text;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// Which <c>OD_TREE</c> marker a process carries (from /proc/&lt;pid&gt;/environ), read once per process: its
/// environment at exec never changes. Thread-safe (a small lock around the cache).
/// </summary>
/// <remarks>
/// An empty read is not an answer at first: while a process is in the middle of an exec (its new memory
/// map in place, its environment not yet copied) the kernel returns nothing for its environ, and the
/// same (pid, start time) a moment later carries the marker. Caching that empty answer lost setsid'd
/// children of apps for good (their cgroup adoption skipped them). Only a process that still shows no
/// environment <see cref="EmptyForGood"/> after the first empty read is taken as unmarked.
/// </remarks>
internal static class ProcessMarker
{
    private static readonly Lock Gate = new();
    private static readonly TimeSpan EmptyForGood = TimeSpan.FromMilliseconds(50);
    private static readonly Dictionary<(int Pid, long Start), string> Markers = [];
    private static readonly Dictionary<(int Pid, long Start), long> FirstEmptyRead = [];

    public static bool Has(ProcStat process, string marker) => Carries(process, marker) == true;

    /// <summary>Whether the process carries <paramref name="marker"/>; null when its environment cannot be read now.</summary>
    public static bool? Carries(ProcStat process, string marker)
    {
        (int, long) key = (process.Pid, process.StartTicks);
        lock (Gate)
        {
            if (Markers.TryGetValue(key, out string? known))
            {
                return known == marker;
            }
        }

        string? found = Read(process.Pid);
        lock (Gate)
        {
            if (Markers.Count > 50_000 || FirstEmptyRead.Count > 1_000)
            {
                // Entries of dead processes are never needed again: start over rather than track them.
                Markers.Clear();
                FirstEmptyRead.Clear();
            }

            if (found is null)
            {
                long now = Environment.TickCount64;
                if (!FirstEmptyRead.TryGetValue(key, out long first))
                {
                    FirstEmptyRead[key] = now;
                    return null;
                }

                if (now - first < (long)EmptyForGood.TotalMilliseconds)
                {
                    return null;
                }

                found = "";
                FirstEmptyRead.Remove(key);
            }

            Markers[key] = found;
        }

        return found == marker;
    }

    /// <summary>The marker (empty when the process has none); null when nothing could be read (see remarks).</summary>
    private static string? Read(int pid)
    {
        byte[] environment;
        try
        {
            environment = File.ReadAllBytes($"/proc/{pid}/environ");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (environment.Length == 0)
        {
            return null;
        }

        ReadOnlySpan<byte> prefix = "OD_TREE="u8;
        foreach (Range range in environment.AsSpan().Split((byte)0))
        {
            ReadOnlySpan<byte> entry = environment.AsSpan(range);
            if (entry.StartsWith(prefix))
            {
                return Encoding.UTF8.GetString(entry[prefix.Length..]);
            }
        }

        return "";
    }
}
