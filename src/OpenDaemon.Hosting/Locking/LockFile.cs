using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using OpenDaemon.Ipc.Interop;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Hosting.Locking;

// Overview
// --------
// The lock is an advisory flock(LOCK_EX | LOCK_NB) on the lock file, held on one open file
// description for the daemon's whole life. The kernel drops it when the last descriptor closes,
// which includes the holder dying by SIGKILL, so a crashed daemon never leaves a lock that needs
// "stale" heuristics; and flock is atomic, so two racing starters can never both win. flock locks
// belong to the open file description, so two separate opens in one process contend like two
// processes do.
//
// Pitfalls this file avoids:
// * A root daemon must never write through a path another user prepared: the file is opened with
//   O_NOFOLLOW | O_CLOEXEC (a symlink fails with ELOOP and is reported, not followed), created only
//   with O_EXCL (which never follows a link either), checked with fstat (a regular file, ours, one
//   link) and truncated only after all of that and after the lock is ours.
// * FileStream on Unix takes its own implicit flock, and readers that used it would block a
//   starting daemon: here the descriptor comes from open(2) directly and readers use
//   DaemonLockProbe.
// * The lock file is never deleted: unlinking it would let a waiter lock the orphaned inode while
//   a newcomer locks a fresh file at the same path, and both would "hold" the lock.
// * The descriptor is close-on-exec, so apps the daemon spawns never inherit it and cannot keep
//   the lock alive after the daemon dies.
// * Mode 0600: anyone able to open the file could take a shared lock and block our start.
// Off Unix the exclusive share mode (FileShare.Read, so the PID stays readable) is the lock.

/// <summary>An exclusive advisory lock on a file, released on dispose or when the process dies.</summary>
internal sealed class LockFile : IDisposable
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly SafeFileHandle _handle;
    private bool _disposed;

    private LockFile(SafeFileHandle handle) => _handle = handle;

    /// <summary>Takes the lock, or returns null when another open file description holds it.</summary>
    /// <exception cref="UnsafePathException">The path is a symlink, another user's file, or not a regular file.</exception>
    internal static LockFile? TryAcquire(string path)
    {
        if (!PlatformInfo.IsUnix)
        {
            try
            {
                return new LockFile(File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read));
            }
            catch (IOException ex) when (DaemonLockProbe.IsLockConflict(ex))
            {
                return null;
            }
        }

        SafeFileHandle handle = OpenOrCreate(path);
        try
        {
            SafePaths.VerifyOpenedFile(handle, path);
            int errno = PosixFiles.Flock(handle, PosixFiles.LockExclusive | PosixFiles.LockNonBlocking);
            if (errno != 0)
            {
                handle.Dispose();
                return errno == PosixFiles.WouldBlock
                    ? null
                    : throw new IOException($"Could not lock '{path}': {Marshal.GetPInvokeErrorMessage(errno)}.");
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return new LockFile(handle);
    }

    /// <summary>True when some open file description holds the lock right now.</summary>
    internal static bool IsHeld(string path) => DaemonLockProbe.IsHeld(path);

    /// <summary>Records the holder's PID in the lock file itself, next to the PID file.</summary>
    internal void WriteOwner(int pid)
    {
        // Write before truncating: a reader never sees an empty file, at worst a longer old tail
        // after the first line, and only the first line is parsed.
        byte[] content = Encoding.ASCII.GetBytes($"{pid}\n");
        RandomAccess.Write(_handle, content, fileOffset: 0);
        RandomAccess.SetLength(_handle, content.Length);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // Still holding the lock: nobody can be writing, so clearing the stale PID is safe.
            RandomAccess.SetLength(_handle, 0);
        }
        catch (IOException)
        {
            // Best effort: the content is advisory and the next holder overwrites it.
        }

        if (PlatformInfo.IsUnix)
        {
            _ = PosixFiles.Flock(_handle, PosixFiles.LockUnlock);
        }

        _handle.Dispose();
    }

    private static SafeFileHandle OpenOrCreate(string path)
    {
        for (int attempt = 1; ; attempt++)
        {
            if (PosixFiles.OpenReadWrite(path, out int errno) is { } handle)
            {
                return handle;
            }

            if (errno == PosixFiles.SymlinkLoop)
            {
                throw SafePaths.SymlinkRefused(path, "lock file");
            }

            if (errno != PosixFiles.NoEntry)
            {
                throw new IOException($"Could not open '{path}': {Marshal.GetPInvokeErrorMessage(errno)}.");
            }

            try
            {
                // O_CREAT | O_EXCL: fails on anything already there, a dangling symlink included.
                // The BCL takes (and on dispose drops) a flock of its own here; a starter racing us
                // sees the lock busy for that instant, which PidLock's retry absorbs.
                using var created = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
                if (PlatformInfo.IsUnix)
                {
                    File.SetUnixFileMode(created, PrivateFile);
                }
            }
            catch (IOException ex) when (ex.GetType() == typeof(IOException) && attempt < 3)
            {
                // Most likely EEXIST: someone created it first. Open theirs (and check it, or
                // report the symlink) on the next turn; a persistent failure surfaces on the last.
            }
        }
    }
}
