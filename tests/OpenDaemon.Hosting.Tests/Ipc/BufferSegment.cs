using System.Buffers;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>Builds multi-segment sequences, the shape a PipeReader hands out when a frame spans buffers.</summary>
internal sealed class BufferSegment : ReadOnlySequenceSegment<byte>
{
    private BufferSegment(byte[] bytes, long runningIndex)
    {
        Memory = bytes;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Sequence(params byte[][] parts)
    {
        var first = new BufferSegment(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            var next = new BufferSegment(part, last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
