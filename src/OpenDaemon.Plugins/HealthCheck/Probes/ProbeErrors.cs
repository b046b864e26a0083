using System.Net.Sockets;
using System.Security.Authentication;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>Turns the exceptions of a failed probe into one plain line ("connection refused (localhost:3000)").</summary>
internal static class ProbeErrors
{
    public static string Describe(Exception error)
    {
        // HttpRequestException and friends wrap the useful part ("see inner exception").
        var socket = Find<SocketException>(error);
        if (socket is not null)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.ConnectionReset => "connection reset by the server",
                SocketError.HostNotFound or SocketError.NoData => "host not found",
                SocketError.TimedOut => "connection timed out",
                _ => socket.Message,
            };
        }

        if (Find<AuthenticationException>(error) is { } tls)
        {
            return $"TLS handshake failed: {tls.Message}";
        }

        if (error is HttpRequestException { InnerException: IOException io })
        {
            return io.Message;
        }

        return error.Message;
    }

    private static T? Find<T>(Exception? error)
        where T : Exception
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is T found)
            {
                return found;
            }
        }

        return null;
    }
}
