using System.Net;
using System.Net.Sockets;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary><c>tcp</c>: a TCP connection to host:port succeeds (it is closed at once, nothing is sent).</summary>
internal sealed class TcpProbe(string host, int port) : IHealthProbe
{
    private readonly DnsEndPoint _endPoint = new(host, port);

    public async ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        // A dual-mode socket tries every address of the name, so "localhost" reaches a server on ::1 or 127.0.0.1.
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(_endPoint, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException error)
        {
            return ProbeResult.Fail($"{ProbeErrors.Describe(error)} ({host}:{port})");
        }

        return ProbeResult.Pass($"connected to {host}:{port}");
    }
}
