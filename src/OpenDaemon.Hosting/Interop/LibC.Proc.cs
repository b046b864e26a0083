using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <content>
/// Allocation-free reads of small /proc files: the path and the buffer are the caller's spans, so a
/// pass over every process allocates nothing per process.
/// </content>
internal static partial class LibC
{
    private const int ClockTicksName = 2; // _SC_CLK_TCK

    /// <summary>
    /// Reads up to <paramref name="buffer"/>.Length bytes of the file at <paramref name="nulTerminatedPath"/>
    /// (UTF-8, ending in a NUL byte); returns the byte count or -errno (ENOENT/ESRCH when the process is gone).
    /// </summary>
    internal static int ReadSmallFile(ReadOnlySpan<byte> nulTerminatedPath, Span<byte> buffer)
    {
        int fd = OpenRawCore(ref MemoryMarshal.GetReference(nulTerminatedPath), ReadOnlyFlag | CloseOnExec);
        if (fd < 0)
        {
            return -Marshal.GetLastPInvokeError();
        }

        try
        {
            // /proc/<pid>/stat is produced in one read; a short read is the whole file.
            nint count = ReadRawCore(fd, ref MemoryMarshal.GetReference(buffer), buffer.Length);
            return count >= 0 ? (int)count : -Marshal.GetLastPInvokeError();
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>sysconf(_SC_CLK_TCK): the unit of utime/stime in /proc/&lt;pid&gt;/stat (100 on every usual kernel).</summary>
    internal static long ClockTicksPerSecond()
    {
        long ticks = SysConfCore(ClockTicksName);
        return ticks > 0 ? ticks : 100;
    }

    /// <summary>
    /// stx_size of the file at <paramref name="nulTerminatedPath"/> by statx(2) (the buffer layout is the same on
    /// every architecture); -1 when it fails. Since Linux 6.2 the size of /proc/&lt;pid&gt;/fd is the number of
    /// open descriptors: one call instead of listing the directory.
    /// </summary>
    internal static long StatSize(ReadOnlySpan<byte> nulTerminatedPath)
    {
        const int AtFdCwd = -100, StatxSize = 0x200, SizeOffset = 40;
        Span<byte> statx = stackalloc byte[256];
        return StatxCore(AtFdCwd, ref MemoryMarshal.GetReference(nulTerminatedPath), 0, StatxSize, ref MemoryMarshal.GetReference(statx)) == 0
            ? System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(statx[SizeOffset..])
            : -1;
    }

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true)]
    private static partial int StatxCore(int directoryFd, ref byte path, int flags, int mask, ref byte buffer);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true)]
    private static partial int OpenRawCore(ref byte path, int flags);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadRawCore(int fd, ref byte buffer, nint count);

    [LibraryImport(Library, EntryPoint = "sysconf")]
    private static partial long SysConfCore(int name);
}
