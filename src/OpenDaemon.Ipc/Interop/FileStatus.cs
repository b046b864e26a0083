using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenDaemon.Ipc.Interop;

/// <summary>
/// What lstat/fstat say about a file: its type, permission bits, owner and link count. Read with
/// statx(2) on Linux, whose buffer layout is the same on every architecture (struct stat is not),
/// so no per-ABI struct is needed.
/// </summary>
/// <param name="Type">The file type bits (S_IFMT part of st_mode).</param>
/// <param name="Permissions">The permission bits, including setuid/setgid/sticky.</param>
/// <param name="Owner">The owner's uid.</param>
/// <param name="Links">The number of hard links.</param>
internal readonly partial record struct FileStatus(int Type, int Permissions, uint Owner, uint Links)
{
    internal const int TypeDirectory = 0x4000;
    internal const int TypeRegular = 0x8000;
    internal const int TypeSymlink = 0xA000;
    internal const int TypeSocket = 0xC000;

    internal const int Sticky = 0x200;
    internal const int GroupWrite = 0x10;
    internal const int OtherWrite = 0x2;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7FF;
    private const int StatxBufferSize = 256;
    private const int NoSystemCall = 38; // ENOSYS

    // struct statx: __u32 stx_mask, stx_blksize; __u64 stx_attributes; __u32 stx_nlink, stx_uid,
    // stx_gid; __u16 stx_mode; ... (include/uapi/linux/stat.h)
    private const int NlinkOffset = 16;
    private const int UidOffset = 20;
    private const int ModeOffset = 28;

    /// <summary>True when group or others may write.</summary>
    internal bool SharedWritable => (Permissions & (GroupWrite | OtherWrite)) != 0;

    /// <summary>True when only the owner may delete or rename entries (the sticky bit of /tmp).</summary>
    internal bool IsSticky => (Permissions & Sticky) != 0;

    /// <summary>lstat(2): the entry itself, never what a symlink points to. Null with the errno when it fails or statx is unavailable.</summary>
    internal static FileStatus? OfPath(string path, out int errno) =>
        Query(AtFdCwd, path, AtSymlinkNoFollow, out errno);

    /// <summary>fstat(2) of an open descriptor.</summary>
    internal static FileStatus? OfHandle(SafeFileHandle handle, out int errno)
    {
        bool addedRef = false;
        try
        {
            handle.DangerousAddRef(ref addedRef);
            return Query((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, out errno);
        }
        finally
        {
            if (addedRef)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>True when this platform can report owners (Linux with statx); elsewhere only types and modes are checked.</summary>
    internal static bool Supported(int errno) => errno != NoSystemCall;

    private static unsafe FileStatus? Query(int directoryFd, string path, int flags, out int errno)
    {
        if (!OperatingSystem.IsLinux())
        {
            errno = NoSystemCall;
            return null;
        }

        byte* buffer = stackalloc byte[StatxBufferSize];
        if (Statx(directoryFd, path, flags, StatxBasicStats, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        errno = 0;
        int mode = *(ushort*)(buffer + ModeOffset);
        return new FileStatus(mode & 0xF000, mode & 0xFFF, *(uint*)(buffer + UidOffset), *(uint*)(buffer + NlinkOffset));
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);
}
