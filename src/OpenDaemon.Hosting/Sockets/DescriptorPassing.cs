using System.Net.Sockets;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Sockets;

/// <summary>
/// Hands an open socket to another process over a Unix stream socket (SCM_RIGHTS): the receiver gets its own
/// descriptor of the same connection, so the bytes then flow between client and receiver directly.
/// </summary>
public static class DescriptorPassing
{
    /// <summary>
    /// Sends <paramref name="payload"/> (one whole message) with <paramref name="connection"/> attached over
    /// <paramref name="channel"/>, without blocking. False when the channel is full or its peer is gone; the
    /// caller still owns <paramref name="connection"/> and closes its own copy either way.
    /// </summary>
    public static bool TrySend(Socket channel, ReadOnlySpan<byte> payload, Socket connection)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(connection);
        var addedChannel = false;
        var addedConnection = false;
        try
        {
            channel.SafeHandle.DangerousAddRef(ref addedChannel);
            connection.SafeHandle.DangerousAddRef(ref addedConnection);
            return LibC.SendWithDescriptor((int)channel.SafeHandle.DangerousGetHandle(), payload, (int)connection.SafeHandle.DangerousGetHandle()) == 0;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (addedConnection)
            {
                connection.SafeHandle.DangerousRelease();
            }

            if (addedChannel)
            {
                channel.SafeHandle.DangerousRelease();
            }
        }
    }
}
