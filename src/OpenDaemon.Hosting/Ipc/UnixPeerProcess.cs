using System.Net.Sockets;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Ipc;

/// <summary>
/// The process at the other end of a connected Unix socket, as the kernel reports it (SO_PEERCRED), and
/// the session it belongs to: every app leads its own session, so the session names the app instance.
/// </summary>
public static class UnixPeerProcess
{
    /// <summary>The peer's pid and session id; null off Linux, or when the peer is already gone.</summary>
    public static (int Pid, int SessionId)? Of(Socket socket)
    {
        if (PeerCredentials.LinuxPeer(socket) is not (int pid, _))
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[ProcStat.BufferSize];
        return ProcStat.TryRead(pid, buffer, out ProcStat stat) && !stat.IsZombie ? (pid, stat.SessionId) : null;
    }
}
