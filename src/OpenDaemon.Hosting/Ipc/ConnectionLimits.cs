namespace OpenDaemon.Hosting.Ipc;

/// <summary>Defaults of the server's resource limits, derived from the process's own limits where they exist.</summary>
public static class ConnectionLimits
{
    /// <summary>The ceiling of the default connection cap.</summary>
    public const int MaxDefaultConnections = 1024;

    /// <summary>64 MB: six frames of the maximum size at once; a few KB is the usual request.</summary>
    public const long DefaultMaxPendingFrameBytes = 64L * 1024 * 1024;

    /// <summary>
    /// 1024, or a quarter of the open-file limit when that is lower, so that three quarters of the
    /// descriptors stay for the apps' pipes, log files and the daemon's own files.
    /// </summary>
    public static int DefaultMaxConnections() => DefaultFor(OpenFileLimit());

    /// <summary>The rule of <see cref="DefaultMaxConnections()"/> for a given open-file limit (null: unknown).</summary>
    public static int DefaultFor(long? openFileLimit) =>
        openFileLimit is { } limit ? (int)Math.Clamp(limit / 4, 16, MaxDefaultConnections) : MaxDefaultConnections;

    // The soft RLIMIT_NOFILE from /proc/self/limits ("Max open files  1024  4096  files"): no P/Invoke
    // needed, and elsewhere than Linux the plain default applies.
    private static long? OpenFileLimit()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return fields.Length > 0 && long.TryParse(fields[0], System.Globalization.CultureInfo.InvariantCulture, out var soft) ? soft : null;
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // No /proc: the plain default.
        }

        return null;
    }
}
