using System.Text;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// Which <c>OD_TREE</c> marker a process carries (from /proc/&lt;pid&gt;/environ), read once per process: its
/// environment at exec never changes. Thread-safe (a small lock around the cache).
/// </summary>
internal static class ProcessMarker
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<(int Pid, long Start), string> Markers = [];

    public static bool Has(ProcStat process, string marker)
    {
        (int, long) key = (process.Pid, process.StartTicks);
        lock (Gate)
        {
            if (Markers.TryGetValue(key, out string? known))
            {
                return known == marker;
            }
        }

        string found = Read(process.Pid);
        lock (Gate)
        {
            if (Markers.Count > 50_000)
            {
                Markers.Clear(); // entries of dead processes are never needed again; start over rather than track them
            }

            Markers[key] = found;
        }

        return found == marker;
    }

    private static string Read(int pid)
    {
        byte[] environment;
        try
        {
            environment = File.ReadAllBytes($"/proc/{pid}/environ");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "";
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
