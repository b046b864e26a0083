namespace OpenDaemon.Daemon.Diagnostics;

/// <summary>
/// Resident memory and OS thread count of the daemon, read from <c>/proc/self/status</c>: one
/// small file read, cheaper than <see cref="System.Diagnostics.Process"/> which enumerates every
/// thread. Falls back to the runtime's figures where /proc does not exist.
/// </summary>
internal readonly record struct ProcessSelfStats(long ResidentBytes, int Threads)
{
    private const string StatusPath = "/proc/self/status";

    public static ProcessSelfStats Read()
    {
        try
        {
            return Parse(File.ReadAllLines(StatusPath));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return new ProcessSelfStats(System.Environment.WorkingSet, System.Diagnostics.Process.GetCurrentProcess().Threads.Count);
        }
    }

    /// <summary>Parses the <c>VmRSS:</c> (kB) and <c>Threads:</c> lines of a status file.</summary>
    internal static ProcessSelfStats Parse(IEnumerable<string> statusLines)
    {
        long residentBytes = 0;
        var threads = 0;
        foreach (var line in statusLines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                residentBytes = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.AsSpan(8).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new ProcessSelfStats(residentBytes, threads);
    }
}
