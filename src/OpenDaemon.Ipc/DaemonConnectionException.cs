namespace OpenDaemon.Ipc;

/// <summary>Base of the typed failures to reach or talk to a daemon over IPC (the toolkit's <c>DaemonConnectionError</c> union).</summary>
public abstract class DaemonConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected DaemonConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
