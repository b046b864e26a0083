using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using OpenDaemon.Ipc.Interop;

namespace OpenDaemon.Ipc.Paths;

/// <summary>
/// What a client may ask of a daemon's lock and PID files without ever taking a lock itself: is
/// the lock held right now, and which PID is recorded. The daemon's side (taking the lock,
/// writing the PID) is OpenDaemon.Hosting's PidLock.
/// </summary>
/// <remarks>
/// Readers never use FileStream on these files: on Unix it takes an implicit shared flock, which
/// would make a starting daemon fail its exclusive lock.
/// </remarks>
public static class DaemonLockProbe
{
    private const int MaxPidFileLength = 64;
    private const int WindowsSharingViolation = 32;
    private const int WindowsLockViolation = 33;

    /// <summary>True when a process holds the lock on <paramref name="lockPath"/> right now (not merely when a PID file exists).</summary>
    /// <remarks>The file is opened with O_NOFOLLOW: a symlink at the lock's path is refused, never followed.</remarks>
    /// <exception cref="UnsafePathException">The lock file is a symbolic link.</exception>
    /// <exception cref="IOException">The lock file exists but cannot be opened or probed.</exception>
    public static bool IsHeld(string lockPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(lockPath);
        if (!PlatformInfo.IsUnix)
        {
            try
            {
                using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
                return false;
            }
            catch (FileNotFoundException)
            {
                return false;
            }
            catch (IOException ex) when (IsLockConflict(ex))
            {
                return true;
            }
        }

        using SafeFileHandle? handle = PosixFiles.OpenReadOnly(lockPath, out int openErrno);
        if (handle is null)
        {
            return openErrno == PosixFiles.NoEntry ? false
                : openErrno == PosixFiles.SymlinkLoop ? throw SafePaths.SymlinkRefused(lockPath, "lock file")
                : throw new IOException($"Could not open '{lockPath}': {Marshal.GetPInvokeErrorMessage(openErrno)}.");
        }

        // A shared probe: concurrent probes do not disturb each other, and it is released at once.
        // A daemon starting in this instant may see it; PidLock.Acquire retries for that reason.
        int errno = PosixFiles.Flock(handle, PosixFiles.LockShared | PosixFiles.LockNonBlocking);
        if (errno == 0)
        {
            _ = PosixFiles.Flock(handle, PosixFiles.LockUnlock);
            return false;
        }

        return errno == PosixFiles.WouldBlock
            ? true
            : throw new IOException($"Could not probe lock '{lockPath}': {Marshal.GetPInvokeErrorMessage(errno)}.");
    }

    /// <summary>The PID recorded in <paramref name="pidPath"/>, or null if it is missing, unreadable or not a PID.</summary>
    public static int? ReadPid(string pidPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(pidPath);
        Span<byte> buffer = stackalloc byte[MaxPidFileLength];
        int length;
        try
        {
            using SafeFileHandle? handle = OpenWithoutLock(pidPath);
            if (handle is null)
            {
                return null;
            }

            length = RandomAccess.Read(handle, buffer, fileOffset: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return ParsePid(buffer[..length]);
    }

    /// <summary>The first line of a PID file as a positive PID, or null.</summary>
    internal static int? ParsePid(ReadOnlySpan<byte> content)
    {
        int newline = content.IndexOfAny((byte)'\n', (byte)'\r');
        ReadOnlySpan<byte> firstLine = newline >= 0 ? content[..newline] : content;
        return int.TryParse(firstLine.Trim(" \t"u8), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0
            ? pid
            : null;
    }

    /// <summary>True when <paramref name="ex"/> is the runtime reporting a lock held by someone else.</summary>
    internal static bool IsLockConflict(IOException ex)
    {
        if (ex.GetType() != typeof(IOException))
        {
            return false; // FileNotFound, DirectoryNotFound, PathTooLong...: real errors.
        }

        // On Unix the runtime reports its failed implicit flock as an IOException whose HResult is
        // the raw errno; on Windows the HResult wraps the Win32 error.
        return PlatformInfo.IsWindows
            ? (ex.HResult & 0xFFFF) is WindowsSharingViolation or WindowsLockViolation
            : ex.HResult == PosixFiles.WouldBlock;
    }

    private static SafeFileHandle? OpenWithoutLock(string path)
    {
        if (PlatformInfo.IsUnix)
        {
            return PosixFiles.OpenReadOnly(path, out _);
        }

        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
