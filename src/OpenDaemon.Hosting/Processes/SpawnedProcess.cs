using System.Net.Sockets;

namespace OpenDaemon.Hosting.Processes;

/// <summary>A started app process: its pid, its output streams and its exit.</summary>
/// <remarks>
/// The process leads its own session, so <see cref="Pid"/> is also its process group id and session id:
/// <see cref="Signals.SendToGroup"/> with it reaches the whole tree that stayed in the group.
/// </remarks>
public sealed class SpawnedProcess : IDisposable
{
    internal SpawnedProcess(int pid, Socket standardOutput, Socket standardError, Task<ProcessExit> exited)
        : this(pid, standardOutput, standardError, exited, channel: null)
    {
    }

    internal SpawnedProcess(int pid, Socket standardOutput, Socket standardError, Task<ProcessExit> exited, Socket? channel)
        : this(pid, standardOutput, standardError, exited, channel, keptOutput: null)
    {
    }

    internal SpawnedProcess(int pid, Socket standardOutput, Socket standardError, Task<ProcessExit> exited, Socket? channel, KeptOutput? keptOutput)
    {
        Channel = channel;
        KeptOutput = keptOutput;
        Pid = pid;
        StandardOutput = standardOutput;
        StandardError = standardError;
        Exited = exited;
    }

    /// <summary>The process id, equal to its process group id and session id.</summary>
    public int Pid { get; }

    /// <summary>
    /// Read end of the child's stdout: one end of an AF_UNIX SOCK_STREAM socketpair (what libuv, and so
    /// PM2, give node apps). Reads are asynchronous through the runtime's epoll engine; a read returns 0
    /// (end of stream) once every process holding the other end (the child and anything it forked) is gone.
    /// The write direction is shut down: the socket is only for reading.
    /// </summary>
    public Socket StandardOutput { get; }

    /// <summary>Read end of the child's stderr; see <see cref="StandardOutput"/>.</summary>
    public Socket StandardError { get; }

    /// <summary>
    /// The daemon's end of the child's IPC channel (<see cref="SpawnRequest.IpcChannel"/>), readable and
    /// writable; null without one. Node writes newline-delimited JSON on it.
    /// </summary>
    public Socket? Channel { get; }

    /// <summary>Where the child holds copies of the daemon's ends of its output (<see cref="SpawnRequest.KeepOutput"/>); null without.</summary>
    public KeptOutput? KeptOutput { get; }

    /// <summary>
    /// Completes when the child has been reaped, never faults, and runs its continuations asynchronously
    /// (never on the reaper thread).
    /// </summary>
    public Task<ProcessExit> Exited { get; }

    /// <summary>
    /// Closes the sockets. It does not kill the process, and the child is still reaped when it exits
    /// (the reaper owns the pidfd and closes it then), so <see cref="Exited"/> still completes.
    /// </summary>
    public void Dispose()
    {
        StandardOutput.Dispose();
        StandardError.Dispose();
        Channel?.Dispose();
    }
}
