using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace OpenDaemon.Plugins.Metrics.Export;

/// <summary>
/// The few protobuf wire types OTLP metrics need (varint, fixed64, length-delimited), written by hand so
/// the daemon needs no protobuf library. A nested message is written into its own writer first, then
/// copied in behind its length: simple, and cheap at one request per push interval.
/// </summary>
internal sealed class ProtobufWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void String(int field, string value)
    {
        if (value.Length == 0)
        {
            return; // proto3 default: not written
        }

        Tag(field, 2);
        var bytes = Encoding.UTF8.GetBytes(value);
        Varint((ulong)bytes.Length);
        _buffer.Write(bytes);
    }

    public void Message(int field, Action<ProtobufWriter> write)
    {
        var inner = new ProtobufWriter();
        write(inner);
        Tag(field, 2);
        Varint((ulong)inner._buffer.WrittenCount);
        _buffer.Write(inner.WrittenSpan);
    }

    public void UInt64(int field, ulong value)
    {
        if (value == 0)
        {
            return;
        }

        Tag(field, 0);
        Varint(value);
    }

    public void Bool(int field, bool value)
    {
        if (value)
        {
            Tag(field, 0);
            Varint(1);
        }
    }

    public void Fixed64(int field, ulong value)
    {
        Tag(field, 1);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Double(int field, double value) => Fixed64(field, BitConverter.DoubleToUInt64Bits(value));

    /// <summary>sfixed64 (NumberDataPoint.as_int).</summary>
    public void SFixed64(int field, long value) => Fixed64(field, unchecked((ulong)value));

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        _buffer.Advance(length);
    }
}
