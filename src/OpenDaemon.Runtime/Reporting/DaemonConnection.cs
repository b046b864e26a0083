using System.Net.Sockets;
using System.Text.Json;

namespace OpenDaemon.Runtime.Reporting;

/// <summary>
/// One connection to the daemon's metrics socket: opened, greeted (the daemon's first line names the interval it
/// wants reports at), then watched — a receive runs for as long as the connection lives and marks it
/// <see cref="IsClosed"/> the moment the daemon closes it. Every socket failure is answered with false or null, never
/// thrown: the report loop decides what to do about it.
/// </summary>
internal sealed class DaemonConnection : IAsyncDisposable
{
    private const int MaxGreetingBytes = 1024;
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);

    private readonly Socket _socket;
    private readonly CancellationTokenSource _closed = new();
    private readonly Task _watching;

    private DaemonConnection(Socket socket, TimeSpan interval)
    {
        _socket = socket;
        Interval = interval;
        _watching = WatchAsync();
    }

    /// <summary>How often the daemon wants a report.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Cancelled when the daemon closed the connection (or it failed).</summary>
    public CancellationToken Closed => _closed.Token;

    public bool IsClosed => _closed.IsCancellationRequested;

    /// <summary>
    /// Connects to <paramref name="path"/> and reads the greeting within <paramref name="timeout"/>; null when there is
    /// no daemon there or it did not greet. Throws only <see cref="OperationCanceledException"/> for <paramref name="cancellationToken"/>.
    /// </summary>
    public static async Task<DaemonConnection?> TryOpenAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), limit.Token).ConfigureAwait(false);
            if (await ReadGreetingAsync(socket, limit.Token).ConfigureAwait(false) is { } interval)
            {
                return new DaemonConnection(socket, interval);
            }
        }
        catch (Exception error) when (error is SocketException or IOException or ObjectDisposedException or ArgumentException or OperationCanceledException)
        {
            socket.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            return null; // no daemon, a path that cannot be a socket, or no greeting in time
        }

        socket.Dispose();
        return null;
    }

    /// <summary>Sends <paramref name="line"/> whole within <paramref name="timeout"/>; false (and closed) when it could not.</summary>
    public async Task<bool> TrySendAsync(ReadOnlyMemory<byte> line, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Closed);
        limit.CancelAfter(timeout);
        try
        {
            while (!line.IsEmpty)
            {
                var sent = await _socket.SendAsync(line, SocketFlags.None, limit.Token).ConfigureAwait(false);
                line = line[sent..];
            }

            return true;
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            await _closed.CancelAsync().ConfigureAwait(false); // a line may be half sent: this connection is done
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>The interval of a greeting line, <c>{"intervalMs":5000}</c>; the default without one, null for a line that is not JSON.</summary>
    internal static TimeSpan? ParseGreeting(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isInterval = reader.ValueTextEquals("intervalMs"u8);
                reader.Read();
                if (isInterval && reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var ms) && double.IsFinite(ms))
                {
                    return TimeSpan.FromMilliseconds(Math.Clamp(ms, MinInterval.TotalMilliseconds, MaxInterval.TotalMilliseconds));
                }

                reader.Skip();
            }

            return DefaultInterval;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<TimeSpan?> ReadGreetingAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxGreetingBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', filled, read);
            filled += read;
            if (newline >= 0)
            {
                return ParseGreeting(buffer.AsSpan(0, newline));
            }
        }

        return null;
    }

    // The daemon sends nothing after its greeting; a receive that ends means it closed the connection (or it broke).
    private async Task WatchAsync()
    {
        var buffer = new byte[64];
        try
        {
            while (await _socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // closed by us (dispose) or broken: either way this connection is over
        }
        finally
        {
            await _closed.CancelAsync().ConfigureAwait(false);
        }
    }
}
