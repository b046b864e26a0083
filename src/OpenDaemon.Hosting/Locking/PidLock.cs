using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Hosting.Locking;

// Overview
// --------
// Who is running is decided by the kernel, not by the PID file: the holder keeps an exclusive
// flock on the lock file for its lifetime (see LockFile), so a crashed holder's lock vanishes with
// it and takeover needs no stale-PID heuristics. The PID file is only a label for humans and
// tools; it is written atomically after the lock is taken and copied into the lock file too.
//
// Acquire, when the lock is busy, names the owner: the PID in the lock file (written by whoever
// holds the lock now), else the PID file's, each only if ProcessLiveness says that PID is alive,
// so a leftover file from a dead daemon is never blamed. If no live owner shows up, the holder is
// either a daemon that has locked but not yet written its PID, or an IsHeld probe that holds a
// shared lock for microseconds; both resolve within moments, so Acquire retries briefly before
// it reports the lock as held by an unknown owner.

/// <summary>A held single-instance lock. Dispose releases it and deletes the PID file.</summary>
public sealed class PidLock : IDisposable
{
    private static readonly TimeSpan OwnerWait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(10);

    private readonly LockFile _lockFile;
    private int _disposed;

    private PidLock(LockFile lockFile, string lockPath, string pidPath, int pid)
    {
        _lockFile = lockFile;
        LockPath = lockPath;
        PidPath = pidPath;
        Pid = pid;
    }

    /// <summary>The lock file this instance holds the lock on.</summary>
    public string LockPath { get; }

    /// <summary>The PID file this instance wrote.</summary>
    public string PidPath { get; }

    /// <summary>The PID recorded as the owner (this process).</summary>
    public int Pid { get; }

    /// <summary>Takes the lock or throws <see cref="LockException"/> naming the live owner's PID.</summary>
    /// <remarks>Creates missing parent directories (mode 0700 on Unix). The lock's directory must be
    /// a real directory owned by this user that others cannot write, and the lock file is never
    /// followed through a symlink (see <see cref="SafePaths"/>). A busy lock fails at once when its
    /// live owner is identified, and after at most ~0.5 s of looking for it otherwise.</remarks>
    /// <exception cref="UnsafePathException">The lock's directory or file is not safe to use.</exception>
    /// <exception cref="LockException">Another process (or another handle in this process) holds the lock.</exception>
    /// <exception cref="IOException">The lock or PID file could not be created or written.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to create the lock or PID file.</exception>
    public static PidLock Acquire(string lockPath, string pidPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(lockPath);
        ArgumentException.ThrowIfNullOrEmpty(pidPath);
        lockPath = Path.GetFullPath(lockPath);
        pidPath = Path.GetFullPath(pidPath);
        if (Path.GetDirectoryName(lockPath) is { Length: > 0 } lockDirectory)
        {
            // The lock's directory must be ours alone: whoever can write there could swap the lock.
            SafePaths.EnsurePrivateDirectory(lockDirectory);
        }

        CreateParentDirectory(pidPath);

        long deadline = Environment.TickCount64 + (long)OwnerWait.TotalMilliseconds;
        while (true)
        {
            if (LockFile.TryAcquire(lockPath) is { } lockFile)
            {
                return TakeOwnership(lockFile, lockPath, pidPath);
            }

            int? owner = FindLiveOwner(lockPath, pidPath);
            if (owner is not null || Environment.TickCount64 >= deadline)
            {
                string who = owner is null ? "another process" : $"process {owner}";
                throw new LockException($"Lock '{lockPath}' is held by {who}.", lockPath, owner);
            }

            Thread.Sleep(RetryInterval);
        }
    }

    /// <summary>The PID recorded in the PID file (or a lock file) if any, without checking it is alive.</summary>
    /// <remarks>Never takes a lock, so it is safe to call on a lock file a daemon holds.</remarks>
    public static int? ReadOwnerPid(string pidPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(pidPath);
        return PidFile.TryRead(pidPath);
    }

    /// <summary>True when a process holds the lock right now (not merely when a PID file exists).</summary>
    public static bool IsHeld(string lockPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(lockPath);
        return LockFile.IsHeld(lockPath);
    }

    /// <summary>Deletes the PID file (if it still names this process) and releases the lock.</summary>
    /// <exception cref="IOException">The PID file could not be deleted; the lock is released anyway.</exception>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            // Delete while still holding the lock, so we never delete a successor's fresh PID file.
            PidFile.DeleteIfOwnedBy(PidPath, Pid);
        }
        finally
        {
            _lockFile.Dispose();
        }
    }

    private static PidLock TakeOwnership(LockFile lockFile, string lockPath, string pidPath)
    {
        int pid = Environment.ProcessId;
        try
        {
            lockFile.WriteOwner(pid);
            PidFile.WriteAtomic(pidPath, pid);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }

        return new PidLock(lockFile, lockPath, pidPath, pid);
    }

    private static int? FindLiveOwner(string lockPath, string pidPath)
    {
        foreach (string path in (ReadOnlySpan<string>)[lockPath, pidPath])
        {
            if (PidFile.TryRead(path) is { } pid && ProcessLiveness.IsAlive(pid))
            {
                return pid;
            }
        }

        return null;
    }

    private static void CreateParentDirectory(string path)
    {
        string? directory = Path.GetDirectoryName(path);
        if (string.IsNullOrEmpty(directory) || Directory.Exists(directory))
        {
            return;
        }

        if (PlatformInfo.IsWindows)
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
