namespace OpenDaemon.Hosting.Locking;

/// <summary>The single-instance lock is held by another live process (or another handle).</summary>
public sealed class LockException : Exception
{
    /// <summary>Creates the exception for <paramref name="lockPath"/> held by <paramref name="ownerPid"/>.</summary>
    public LockException(string message, string lockPath, int? ownerPid, Exception? innerException = null)
        : base(message, innerException)
    {
        LockPath = lockPath;
        OwnerPid = ownerPid;
    }

    /// <summary>The lock file that is held.</summary>
    public string LockPath { get; }

    /// <summary>The PID of the holder, or null when it could not be determined.</summary>
    public int? OwnerPid { get; }
}
