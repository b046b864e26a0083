using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using OpenDaemon.Ipc;

namespace OpenDaemon.Client;

/// <summary>
/// Following a stream the daemon sends as binary frames (<c>log.stream</c>, <c>audit.stream</c>): each frame is a
/// 4-byte big-endian stream id, then JSON lines. Listens before starting the stream (frames can arrive before the
/// answer that names it), keeps the idle connection alive with heartbeats, and ends the daemon's side of the
/// stream when the enumeration ends while the connection lives on (an SDK user's).
/// </summary>
internal static class FramedLineStream
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMinutes(1);

    /// <summary>Each non-empty line of the stream <paramref name="start"/> opens, until cancelled or the connection closes.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadLinesAsync(
        IpcClient connection,
        TimeSpan pingTimeout,
        Func<CancellationToken, Task<int>> start,
        Func<int, Task> end,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var frames = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
        void OnBinary(ReadOnlyMemory<byte> frame) => frames.Writer.TryWrite(frame);
        connection.BinaryReceived += OnBinary;
        _ = connection.Completion.ContinueWith(_ => frames.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepAlive = KeepAliveAsync(connection, pingTimeout, stop.Token);
        int? streamId = null;
        try
        {
            streamId = await start(cancellationToken).ConfigureAwait(false);
            await foreach (var frame in frames.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (frame.Length < 4 || BinaryPrimitives.ReadInt32BigEndian(frame.Span) != streamId)
                {
                    continue;
                }

                var rest = frame[4..];
                while (!rest.IsEmpty)
                {
                    var newline = rest.Span.IndexOf((byte)'\n');
                    var line = newline < 0 ? rest : rest[..newline];
                    rest = newline < 0 ? ReadOnlyMemory<byte>.Empty : rest[(newline + 1)..];
                    if (!line.IsEmpty)
                    {
                        yield return line;
                    }
                }
            }
        }
        finally
        {
            connection.BinaryReceived -= OnBinary;
            await stop.CancelAsync().ConfigureAwait(false);
            await keepAlive.ConfigureAwait(false);
            if (streamId is { } id && connection.IsConnected)
            {
                await end(id).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A follower sends nothing while it listens; heartbeats keep the daemon's idle timeout (5 min) away.</summary>
    public static async Task KeepAliveAsync(IpcClient connection, TimeSpan pingTimeout, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(HeartbeatInterval, cancellationToken).ConfigureAwait(false);
                await connection.PingAsync(pingTimeout, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ProtocolException or ConnectionTimeoutException)
        {
            // Stopped following, or the connection ended: the stream itself reports that.
        }
    }
}
