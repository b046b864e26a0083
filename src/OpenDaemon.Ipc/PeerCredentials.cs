using System.Net.Sockets;
using System.Runtime.InteropServices;
using OpenDaemon.Ipc.Interop;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Ipc;

/// <summary>
/// Who is at the other end of a connected Unix socket, as the kernel reports it (not as the peer
/// claims): SO_PEERCRED on Linux, LOCAL_PEERCRED on macOS and FreeBSD. A client checks it before
/// it sends anything, so a socket that another user bound in the daemon's place never sees a
/// request (nor the secrets some requests carry).
/// </summary>
internal static class PeerCredentials
{
    // Linux: getsockopt(SOL_SOCKET = 1, SO_PEERCRED = 17) fills struct ucred { pid_t pid; uid_t uid; gid_t gid; }.
    private const int LinuxSolSocket = 1;
    private const int LinuxPeerCred = 17;
    private const int LinuxUidOffset = 4;

    // BSD/macOS: getsockopt(SOL_LOCAL = 0, LOCAL_PEERCRED = 1) fills struct xucred { u_int cr_version; uid_t cr_uid; ... }.
    private const int BsdSolLocal = 0;
    private const int BsdPeerCred = 1;
    private const int BsdUidOffset = 4;
    private const int BsdXucredSize = 76;

    /// <summary>The uid a daemon must run as for this client to talk to it: the client's own effective uid.</summary>
    internal static uint ExpectedUid() => PosixFiles.GetEffectiveUid();

    /// <summary>The peer's uid, or null where the platform cannot tell (Windows).</summary>
    internal static uint? PeerUid(Socket socket)
    {
        if (!PlatformInfo.IsUnix)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[BsdXucredSize];
        if (OperatingSystem.IsLinux())
        {
            int length = socket.GetRawSocketOption(LinuxSolSocket, LinuxPeerCred, buffer[..12]);
            return length >= 12 ? MemoryMarshal.Read<uint>(buffer[LinuxUidOffset..]) : null;
        }

        int written = socket.GetRawSocketOption(BsdSolLocal, BsdPeerCred, buffer);
        return written >= BsdUidOffset + 4 ? MemoryMarshal.Read<uint>(buffer[BsdUidOffset..]) : null;
    }

    /// <summary>The peer's pid and uid on Linux (SO_PEERCRED); null elsewhere or when the socket cannot tell.</summary>
    internal static (int Pid, uint Uid)? LinuxPeer(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[12];
        int length = socket.GetRawSocketOption(LinuxSolSocket, LinuxPeerCred, buffer);
        return length >= 12 ? (MemoryMarshal.Read<int>(buffer), MemoryMarshal.Read<uint>(buffer[LinuxUidOffset..])) : null;
    }
}
