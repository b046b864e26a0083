using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenDaemon.EndToEnd.Tests.Support;

/// <summary>Requests to the cluster examples (examples/cluster), which answer with the pid of the instance that served them.</summary>
internal static class PidRequests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>GET / on a new connection (HTTP/1.0, from <paramref name="from"/> when given); the pid in the answer.</summary>
    public static async Task<int> GetAsync(int port, IPAddress? from = null)
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (from is not null)
        {
            socket.Bind(new IPEndPoint(from, 0));
        }

        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n"u8.ToArray(), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var response = await reader.ReadToEndAsync(timeout.Token);
        var body = response.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var end and >= 0
            ? response[(end + 4)..]
            : throw new IOException($"not an HTTP response: '{response}'");
        return int.Parse(body, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
