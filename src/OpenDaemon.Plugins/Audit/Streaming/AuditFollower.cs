using System.Buffers.Binary;
using System.Threading.Channels;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;
using OpenDaemon.Plugins.Audit.Reading;

namespace OpenDaemon.Plugins.Audit.Streaming;

/// <summary>
/// One <c>audit.stream</c> subscriber (<c>od audit -f</c>): matching lines queue up and a pump sends
/// them as binary frames (4-byte big-endian stream id, then the lines exactly as stored). The queue is
/// bounded so that a stalled follower never holds the writer: what it misses is still in the files.
/// </summary>
internal sealed class AuditFollower(int streamId, long connectionId, AuditEntryFilter filter)
{
    private const int QueueCapacity = 10_000;
    private const int MaxFrameBytes = 256 * 1024;

    private readonly Channel<byte[]> _queue = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public int StreamId => streamId;

    public long ConnectionId => connectionId;

    /// <summary>Called on the writer's loop for every line written; never blocks.</summary>
    public void Offer(AuditEntry entry, byte[] line)
    {
        if (filter.Matches(entry))
        {
            _queue.Writer.TryWrite(line);
        }
    }

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Sends queued lines until <see cref="Complete"/> or until the connection fails.</summary>
    public async Task PumpAsync(IIpcPeer peer, CancellationToken cancellationToken)
    {
        using var frame = new MemoryStream();
        var id = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(id, streamId);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                frame.SetLength(0);
                frame.Write(id);
                while (frame.Length < MaxFrameBytes && reader.TryRead(out var line))
                {
                    frame.Write(line);
                    frame.WriteByte((byte)'\n');
                }

                await peer.SendBinaryAsync(frame.GetBuffer().AsMemory(0, (int)frame.Length), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is ProtocolException or OperationCanceledException or IOException)
        {
            // The follower went away (Ctrl-C on `od audit -f`): nothing to report.
        }
    }
}
