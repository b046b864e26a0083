namespace OpenDaemon.Hosting.Interop;

/// <summary>
/// Keeps the daemon's native (malloc) heap from growing with its thread count. glibc gives a thread
/// that meets contention on the malloc lock an arena of its own, up to 8 per core, and memory freed
/// into an arena is seldom returned to the OS; the thread-pool threads that come and go with bursts of
/// work (20 concurrent restarts in the soak) each could leave one behind, and the daemon's RSS rose in
/// steps with them. Linux with glibc only: elsewhere (musl, macOS, the BSDs) nothing is done.
/// </summary>
public static class NativeHeap
{
    /// <summary>
    /// The malloc arenas the daemon may use. Its native allocations are few and small (the runtime's own,
    /// sockets, libc): two arenas are plenty, and the managed heap does not use malloc at all.
    /// </summary>
    public const int ArenaLimit = 2;

    /// <summary>Caps glibc's malloc arenas at <see cref="ArenaLimit"/>; call it early, before the threads that allocate exist.</summary>
    /// <returns>Whether the limit was set (false off Linux and with a C library other than glibc).</returns>
    public static bool LimitArenas()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return LibC.MallOpt(LibC.MallocArenaMax, ArenaLimit) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a C library without mallopt
        }
    }
}
