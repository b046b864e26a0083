using System.Buffers;
using System.Collections.Frozen;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// The daemon's end of one run's Node.js IPC channel (what PM2's fork mode gives a node app): the app's
/// <c>process.send(x)</c> arrives as one JSON line, and a line written here arrives as a
/// <c>process.on('message')</c> event. <c>process.send('ready')</c> opens the same readiness gate as
/// sd_notify's READY=1; <see cref="TrySendShutdown"/> is PM2's <c>shutdown_with_message</c>.
/// </summary>
/// <remarks>
/// Draining, for the connection-handoff strategies: a handed connection is a message in this socket's
/// queue, and a stop signal can overtake it (the app closes its server and exits under a connection it has
/// not seen yet). So before a run that was handed connections is signalled, <see cref="TryRetire"/> ends
/// the handoffs and sends <c>{"cmd":"NODE_OD_DRAIN"}</c> behind the last one; the cluster preload answers
/// <c>{"cmd":"NODE_OD_DRAINED"}</c> once it has taken every connection before it, and only then does the
/// stop signal go.
/// </remarks>
/// <remarks>
/// Overview: a receive loop (started here, ended by <see cref="Dispose"/>) reads the socket and posts
/// what matters to the actor as a <see cref="NotifyEvent"/> carrying the run id, so a message of an
/// earlier run is ignored like its datagrams. The shutdown message is sent from the actor's loop; handed
/// connections from the app's connection dispatcher (each a single small sendmsg, which a stream socket
/// never interleaves with another). The cluster preload's <c>{"cmd":"NODE_OD_CLOSED"}</c> lowers
/// <see cref="OpenConnections"/> (from the receive loop, hence Interlocked); Node's other internal messages
/// (<c>{"cmd":"NODE_..."}</c>, such as the handle acknowledgements) and anything not understood are dropped.
/// </remarks>
internal sealed class RunChannel : IConnectionTarget, IDisposable
{
    private const int MaxLineBytes = 64 * 1024;
    private static readonly NotifyMessage Ready = new(new Dictionary<string, string>(StringComparer.Ordinal) { ["READY"] = "1" }.ToFrozenDictionary());
    private static readonly byte[] ShutdownLine = Encoding.UTF8.GetBytes("\"shutdown\"\n");
    private static readonly byte[] DrainLine = Encoding.UTF8.GetBytes("{\"cmd\":\"NODE_OD_DRAIN\"}\n");

    // Node's own handle-passing message (lib/internal/child_process.js): the socket arrives with it, is
    // acknowledged, turned into a net.Socket and emitted as an internal message the cluster preload takes.
    private static readonly byte[] ConnectionLine = Encoding.UTF8.GetBytes("{\"cmd\":\"NODE_HANDLE\",\"type\":\"net.Socket\",\"msg\":{\"cmd\":\"NODE_OD_CONNECTION\"}}\n");

    private int _open;

    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();

    // Handoffs (the dispatcher's loop) and retiring (the actor's) take turns, so that no connection is sent
    // after the drain message.
    private readonly Lock _handoff = new();
    private bool _handedAny;
    private bool _retired;
    private Action? _drained;

    private RunChannel(Socket socket) => _socket = socket;

    /// <summary>Starts reading the run's channel; null when the process has none.</summary>
    public static RunChannel? Open(SpawnedProcess process, int run, Action<InstanceMessage> post)
    {
        if (process.Channel is not { } socket)
        {
            return null;
        }

        var channel = new RunChannel(socket);
        _ = channel.ReceiveAsync(run, post, channel._stop.Token);
        return channel;
    }

    /// <summary>Sends the message <c>"shutdown"</c>; false when the app can no longer receive it.</summary>
    public bool TrySendShutdown()
    {
        try
        {
            // A few bytes on a local socket with an empty buffer: this does not block.
            return _socket.Send(ShutdownLine, SocketFlags.None) == ShutdownLine.Length;
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Connections handed to this run that it has not reported closed.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>
    /// Hands an accepted connection to the app (SCM_RIGHTS with Node's handle message) and closes the daemon's
    /// copy; false when the channel is full, gone or retired.
    /// </summary>
    public ValueTask<bool> TryTakeAsync(Socket connection, CancellationToken cancellationToken)
    {
        if (!TrySendConnection(connection))
        {
            return ValueTask.FromResult(false);
        }

        connection.Dispose();
        return ValueTask.FromResult(true);
    }

    private bool TrySendConnection(Socket connection)
    {
        lock (_handoff)
        {
            if (_retired)
            {
                return false; // stopping: the dispatcher picks another instance
            }

            // Counted before it is sent: the app may serve it and report it closed before sendmsg returns here.
            Interlocked.Increment(ref _open);
            if (Hosting.Sockets.DescriptorPassing.TrySend(_socket, ConnectionLine, connection))
            {
                _handedAny = true;
                return true;
            }

            Interlocked.Decrement(ref _open);
            return false;
        }
    }

    /// <summary>
    /// Takes no more connections and, when it was handed some, asks the app to confirm it has taken them
    /// (see the remarks): true when <paramref name="drained"/> will be called on the answer; false when there
    /// is nothing to wait for (no connection was handed, or the app can no longer be asked).
    /// </summary>
    public bool TryRetire(Action drained)
    {
        lock (_handoff)
        {
            _retired = true;
            if (!_handedAny)
            {
                return false;
            }

            Volatile.Write(ref _drained, drained);
            try
            {
                // A few bytes on a local socket: this does not block (see TrySendShutdown).
                return _socket.Send(DrainLine, SocketFlags.None) == DrainLine.Length;
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        // The SpawnedProcess owns and closes the socket itself.
    }

    /// <summary>True when one line of the channel is the message <c>"ready"</c>.</summary>
    public static bool IsReady(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            return reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("ready"u8);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task ReceiveAsync(int run, Action<InstanceMessage> post, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var read = await _socket.ReceiveAsync(buffer.GetMemory(4096), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return; // the app closed its end (process.disconnect(), or it exited)
                }

                buffer.Advance(read);
                buffer = TakeLines(buffer, line =>
                {
                    if (IsReady(line))
                    {
                        post(new NotifyEvent(run, Ready));
                    }
                    else if (line.SequenceEqual("{\"cmd\":\"NODE_OD_CLOSED\"}"u8) && Interlocked.Decrement(ref _open) < 0)
                    {
                        Interlocked.Increment(ref _open); // a report without a handed connection: stay at 0
                    }
                    else if (line.SequenceEqual("{\"cmd\":\"NODE_OD_DRAINED\"}"u8))
                    {
                        Volatile.Read(ref _drained)?.Invoke();
                    }
                });
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The run ended and its channel was closed.
        }
    }

    // Hands every complete line to the callback and keeps the rest; an endless line is dropped.
    private static ArrayBufferWriter<byte> TakeLines(ArrayBufferWriter<byte> buffer, LineHandler handle)
    {
        var data = buffer.WrittenSpan;
        int newline;
        while ((newline = data.IndexOf((byte)'\n')) >= 0)
        {
            handle(data[..newline]);
            data = data[(newline + 1)..];
        }

        if (data.Length == buffer.WrittenCount || data.Length > MaxLineBytes)
        {
            return data.Length > MaxLineBytes ? new ArrayBufferWriter<byte>() : buffer;
        }

        var rest = new ArrayBufferWriter<byte>(Math.Max(data.Length, 256));
        rest.Write(data);
        return rest;
    }

    private delegate void LineHandler(ReadOnlySpan<byte> line);
}
