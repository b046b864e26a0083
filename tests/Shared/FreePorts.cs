using System.Net;
using System.Net.Sockets;

namespace OpenDaemon.Testing;

/// <summary>Ports for tests that need a TCP port of their own.</summary>
internal static class FreePorts
{
    /// <summary>A port nothing listens on now: the kernel's pick for a loopback bind, released at once.</summary>
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
