using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Sockets;

/// <summary>
/// A TCP listening socket the daemon binds once and passes to every instance of an app, so that they all
/// accept from one kernel queue (cluster mode's shared socket, systemd socket activation's fd).
/// </summary>
/// <remarks>
/// It binds the way Node's <c>server.listen(PORT)</c> does, so an app sees the socket it would have made:
/// the dual-stack wildcard <c>[::]</c> (IPv4 clients arrive as v4-mapped addresses) when the host has IPv6,
/// else <c>0.0.0.0</c>; SO_REUSEADDR, so a restart of the daemon never waits for TIME_WAIT. The backlog is
/// deep (<see cref="Backlog"/>, capped by the kernel at net.core.somaxconn): connections that arrive while
/// every instance is restarting wait in it instead of being refused. The daemon never accepts on it.
/// The socket is blocking as created; apps set their own mode (Node sets O_NONBLOCK, which every
/// instance then shares: it is a flag of the one open socket).
/// </remarks>
public sealed class SharedListenSocket : IDisposable
{
    /// <summary>The listen(2) backlog asked for.</summary>
    public const int Backlog = 4096;

    private readonly Socket _socket;

    private SharedListenSocket(Socket socket, int port)
    {
        _socket = socket;
        Port = port;
    }

    /// <summary>The TCP port.</summary>
    public int Port { get; }

    /// <summary>Where it listens, as a user reads it: <c>[::]:3000</c> or <c>0.0.0.0:3000</c>.</summary>
    public string Address => _socket.LocalEndPoint?.ToString() ?? $"*:{Port}";

    /// <summary>The descriptor to pass to a child (the caller holds a reference while it spawns).</summary>
    public SafeHandle Handle => _socket.SafeHandle;

    /// <summary>
    /// Binds <paramref name="port"/> on every address and listens. Throws <see cref="PortBindException"/>
    /// when the port is taken (naming the holder when /proc shows it) or not allowed.
    /// </summary>
    public static SharedListenSocket Bind(int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        try
        {
            return new SharedListenSocket(BindDualStack(port) ?? BindIPv4(port), port);
        }
        catch (SocketException error)
        {
            throw PortBindException.From(port, error);
        }
    }

    /// <summary>
    /// A private socket on 127.0.0.1 and a port the kernel picks: one instance's own, which the daemon's relay
    /// connects to (the connection-level strategies for apps that cannot take a handed connection).
    /// </summary>
    public static SharedListenSocket BindLoopback()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen(Backlog);
            return new SharedListenSocket(socket, ((IPEndPoint)socket.LocalEndPoint!).Port);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Connections the kernel completed that no process has accepted yet (TCP_INFO's tcpi_unacked, which is a
    /// listening socket's accept queue); 0 when it cannot be read.
    /// </summary>
    public int AcceptQueueLength()
    {
        const int IpProtoTcp = 6, TcpInfo = 11, UnackedOffset = 24; // <linux/tcp.h>: struct tcp_info
        Span<byte> info = stackalloc byte[104];
        try
        {
            var length = _socket.GetRawSocketOption(IpProtoTcp, TcpInfo, info);
            return length >= UnackedOffset + sizeof(uint) ? (int)BitConverter.ToUInt32(info[UnackedOffset..]) : 0;
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            return 0;
        }
    }

    // Null when the host has no IPv6 (disabled in the kernel, or no v6 address family).
    private static Socket? BindDualStack(int port)
    {
        if (!Socket.OSSupportsIPv6)
        {
            return null;
        }

        Socket socket;
        try
        {
            socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.AddressFamilyNotSupported)
        {
            return null;
        }

        try
        {
            socket.DualMode = true;
            SetReuseAddressOnly(socket);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            socket.Listen(Backlog);
            return socket;
        }
        catch (SocketException error) when (error.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported)
        {
            // IPv6 exists as a family but [::] cannot be bound (ipv6.disable=1 on some kernels): as Node, use IPv4.
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Socket BindIPv4(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            SetReuseAddressOnly(socket);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            socket.Listen(Backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // SO_REUSEADDR alone. .NET's SocketOptionName.ReuseAddress also sets SO_REUSEPORT on Linux, which would
    // let a second socket of the same user bind the port too and silently split its connections with
    // ours (a port taken by another SO_REUSEPORT listener would then not be reported as taken either).
    private static void SetReuseAddressOnly(Socket socket)
    {
        const int SolSocket = 1, SoReuseAddr = 2; // <asm-generic/socket.h>
        Span<byte> on = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(on, 1);
        socket.SetRawSocketOption(SolSocket, SoReuseAddr, on);
    }

    /// <summary>
    /// Accepts the next connection in the daemon (the connection-handoff strategies, where instances never get
    /// the listening socket). This makes the socket non-blocking, so it must not be passed to apps afterwards.
    /// </summary>
    public ValueTask<Socket> AcceptAsync(CancellationToken cancellationToken) => _socket.AcceptAsync(cancellationToken);

    /// <summary>
    /// A close-on-exec duplicate of the listening descriptor for a server in this process that takes
    /// ownership of a descriptor (Kestrel's ListenHandle): closing it leaves this socket open.
    /// </summary>
    public int Duplicate()
    {
        var added = false;
        try
        {
            _socket.SafeHandle.DangerousAddRef(ref added);
            var copy = Interop.LibC.DuplicateAtLeast((int)_socket.SafeHandle.DangerousGetHandle(), 3);
            return copy >= 0 ? copy : throw new SocketException(-copy);
        }
        finally
        {
            if (added)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <summary>Closes the daemon's copy; instances still running keep theirs until they exit.</summary>
    public void Dispose() => _socket.Dispose();
}
