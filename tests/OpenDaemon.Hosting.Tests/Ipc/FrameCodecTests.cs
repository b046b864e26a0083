using System.Buffers;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

public sealed class FrameCodecTests
{
    [Fact]
    public void TryReadFrame_HeaderIncomplete_AsksForMore()
    {
        var buffer = new ReadOnlySequence<byte>(RawSocket.Frame(FrameType.Request, "{}")[..4]);

        Assert.False(FrameCodec.TryReadFrame(ref buffer, 1024, out _, out _));
        Assert.Equal(4, buffer.Length);
    }

    [Fact]
    public void TryReadFrame_PayloadIncomplete_AsksForMore()
    {
        var buffer = new ReadOnlySequence<byte>(RawSocket.Frame(FrameType.Request, "{\"a\":1}")[..8]);

        Assert.False(FrameCodec.TryReadFrame(ref buffer, 1024, out _, out _));
    }

    [Fact]
    public void TryReadFrame_TwoFramesSplitAcrossSegments_SlicesBothInOrder()
    {
        var bytes = RawSocket.Frame((byte)FrameType.Binary, [1, 2, 3]).Concat(RawSocket.Frame((byte)FrameType.Heartbeat, [0])).ToArray();
        var buffer = BufferSegment.Sequence(bytes[..2], bytes[2..7], bytes[7..]);

        Assert.True(FrameCodec.TryReadFrame(ref buffer, 1024, out var firstType, out var firstPayload));
        Assert.Equal(FrameType.Binary, firstType);
        Assert.Equal([1, 2, 3], firstPayload.ToArray());
        Assert.True(FrameCodec.TryReadFrame(ref buffer, 1024, out var secondType, out var secondPayload));
        Assert.Equal(FrameType.Heartbeat, secondType);
        Assert.Equal([0], secondPayload.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryReadFrame_LengthOverLimit_ThrowsFromTheHeaderAlone()
    {
        var buffer = new ReadOnlySequence<byte>(RawSocket.Frame((byte)FrameType.Request, [], declaredLength: 1025));

        var error = Assert.Throws<ProtocolException>(() => FrameCodec.TryReadFrame(ref buffer, 1024, out _, out _));

        Assert.Contains("1025", error.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x08)]
    [InlineData(0xFF)]
    public void TryReadFrame_UnknownType_Throws(byte type)
    {
        var buffer = new ReadOnlySequence<byte>(RawSocket.Frame(type, [1]));

        Assert.Throws<ProtocolException>(() => FrameCodec.TryReadFrame(ref buffer, 1024, out _, out _));
    }
}
