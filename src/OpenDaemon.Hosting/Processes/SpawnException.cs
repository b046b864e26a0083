namespace OpenDaemon.Hosting.Processes;

/// <summary>A process could not be started. <see cref="Exception.Message"/> is a plain sentence for the user.</summary>
public sealed class SpawnException : Exception
{
    /// <summary>Creates the exception with its message and the OS error number behind it.</summary>
    public SpawnException(int errno, string message)
        : base(message) => Errno = errno;

    /// <summary>Creates the exception with its message, the OS error number and the error that caused it.</summary>
    public SpawnException(int errno, string message, Exception innerException)
        : base(message, innerException) => Errno = errno;

    /// <summary>The errno (ENOENT = 2, EACCES = 13, ...), or EINVAL (22) for a request that is not valid.</summary>
    public int Errno { get; }

    internal static SpawnException CannotExecute(string fileName, int errno) =>
        new(errno, $"cannot execute {fileName}: {Interop.Errno.Message(errno)}");

    internal static SpawnException Invalid(string message) => new(Interop.Errno.InvalidArgument, message);
}
