using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <content>
/// What passing listening sockets to a child needs: copying a descriptor above a given number, and
/// (in the exec shim only) putting the shim's own pid into the environment the app execs with. Also
/// the CPU affinity count that <c>instances: max</c> follows.
/// </content>
internal static partial class LibC
{
    private const int DuplicateCloseOnExecCommand = 1030; // F_DUPFD_CLOEXEC

    /// <summary>A close-on-exec copy of <paramref name="fd"/> numbered at least <paramref name="lowest"/>; -errno on failure.</summary>
    internal static int DuplicateAtLeast(int fd, int lowest)
    {
        int copy = FcntlCore(fd, DuplicateCloseOnExecCommand, lowest);
        return copy >= 0 ? copy : -Marshal.GetLastPInvokeError();
    }

    /// <summary>
    /// setenv(3) on the C library's environ, which execv passes on. .NET's Environment keeps its own
    /// copy and never writes environ, so the shim needs this to change what the app inherits.
    /// </summary>
    internal static int SetEnvironmentVariable(string name, string value) =>
        SetEnvCore(name, value, 1) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>The number of CPUs this process may run on (sched_getaffinity); null when the call fails.</summary>
    internal static int? AffinityCount()
    {
        const int MaskBytes = 1024; // 8192 CPUs
        var mask = new byte[MaskBytes];
        if (SchedGetAffinityCore(0, MaskBytes, ref mask[0]) != 0)
        {
            return null;
        }

        return mask.Sum(part => System.Numerics.BitOperations.PopCount(part));
    }

    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    private static partial int FcntlCore(int fd, int command, int argument);

    [LibraryImport(Library, EntryPoint = "setenv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvCore(string name, string value, int overwrite);

    [LibraryImport(Library, EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int SchedGetAffinityCore(int pid, nuint size, ref byte mask);
}
