namespace OpenDaemon.Hosting.Lifecycle;

/// <summary>A lifecycle operation failed; <see cref="Kind"/> says why.</summary>
/// <remarks>
/// Shutdown failures (<see cref="DaemonErrorKind.ShutdownFailed"/>, and <see cref="DaemonErrorKind.ShutdownTimeout"/>
/// when handlers also threw) carry an <see cref="AggregateException"/> of every failure as the inner exception.
/// </remarks>
public sealed class DaemonLifecycleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DaemonLifecycleException(DaemonErrorKind kind, string message, int? ownerPid = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        OwnerPid = ownerPid;
    }

    /// <summary>Why the operation failed.</summary>
    public DaemonErrorKind Kind { get; }

    /// <summary>For <see cref="DaemonErrorKind.AlreadyRunning"/>: the PID holding the lock, when known.</summary>
    public int? OwnerPid { get; }
}
