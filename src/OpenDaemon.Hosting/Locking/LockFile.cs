using System.Runtime.InteropServices;
using System.Text;
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
// * FileStream on Unix takes its own implicit flock (LOCK_EX for FileShare.None, LOCK_SH
//   otherwise). We open with FileShare.None, so that implicit lock is the same exclusive lock we
//   then take explicitly; the explicit flock still protects us when the runtime's locking is
//   switched off (DOTNET_SYSTEM_IO_DISABLEFILELOCKING). Readers must never use FileStream on the
//   lock file: their implicit LOCK_SH would make a starting daemon fail. They use DaemonLockProbe.
// * The lock file is never deleted: unlinking it would let a waiter lock the orphaned inode while
//   a newcomer locks a fresh file at the same path, and both would "hold" the lock.
// * The descriptor is close-on-exec (FileStream's default), so apps the daemon spawns never
//   inherit it and cannot keep the lock alive after the daemon dies.
// * Mode 0600: anyone able to open the file could take a shared lock and block our start.
// Off Unix the exclusive share mode (FileShare.Read, so the PID stays readable) is the lock.

/// <summary>An exclusive advisory lock on a file, released on dispose or when the process dies.</summary>
internal sealed class LockFile : IDisposable
{
    private readonly FileStream _stream;
    private bool _disposed;

    private LockFile(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, or returns null when another open file description holds it.</summary>
    internal static LockFile? TryAcquire(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = PlatformInfo.IsWindows ? FileShare.Read : FileShare.None,
            BufferSize = 0,
        };
        if (!PlatformInfo.IsWindows)
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException ex) when (IsLockConflict(ex))
        {
            return null;
        }

        if (PlatformInfo.IsUnix)
        {
            int errno = PosixFiles.Flock(stream.SafeFileHandle, PosixFiles.LockExclusive | PosixFiles.LockNonBlocking);
            if (errno != 0)
            {
                stream.Dispose();
                return errno == PosixFiles.WouldBlock
                    ? null
                    : throw new IOException($"Could not lock '{path}': {Marshal.GetPInvokeErrorMessage(errno)}.");
            }
        }

        return new LockFile(stream);
    }

    /// <summary>True when some open file description holds the lock right now.</summary>
    internal static bool IsHeld(string path) => DaemonLockProbe.IsHeld(path);

    /// <summary>Records the holder's PID in the lock file itself, next to the PID file.</summary>
    internal void WriteOwner(int pid)
    {
        // Write before truncating: a reader never sees an empty file, at worst a longer old tail
        // after the first line, and only the first line is parsed.
        byte[] content = Encoding.ASCII.GetBytes($"{pid}\n");
        RandomAccess.Write(_stream.SafeFileHandle, content, fileOffset: 0);
        _stream.SetLength(content.Length);
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
            _stream.SetLength(0);
        }
        catch (IOException)
        {
            // Best effort: the content is advisory and the next holder overwrites it.
        }

        if (PlatformInfo.IsUnix)
        {
            _ = PosixFiles.Flock(_stream.SafeFileHandle, PosixFiles.LockUnlock);
        }

        _stream.Dispose();
    }

    private static bool IsLockConflict(IOException ex) => DaemonLockProbe.IsLockConflict(ex);
}
