using System.Net;
using System.Net.Sockets;

namespace OpenDaemon.Plugins.Tests.HealthCheck.Support;

internal static class Ports
{
    /// <summary>A port on 127.0.0.1 that nothing listens on (bound, then released).</summary>
    public static int Closed()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>A free port for an app the test starts: released so that the app can bind it.</summary>
    public static int Free() => Closed();
}
