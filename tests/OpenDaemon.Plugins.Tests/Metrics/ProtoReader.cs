using System.Buffers.Binary;
using System.Text;

namespace OpenDaemon.Plugins.Tests.Metrics;

/// <summary>
/// A protobuf decoder for the tests, written from the wire-format spec independently of the daemon's
/// writer: a message is a list of fields (number, wire type, and a varint, a fixed64 or bytes).
/// </summary>
internal sealed record ProtoField(int Number, int WireType, ulong Value, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    public IReadOnlyList<ProtoField> Message => ProtoReader.Parse(Bytes);

    public double Double => BitConverter.UInt64BitsToDouble(Value);
}

internal static class ProtoReader
{
    public static IReadOnlyList<ProtoField> Parse(ReadOnlySpan<byte> data)
    {
        var fields = new List<ProtoField>();
        var position = 0;
        while (position < data.Length)
        {
            var key = Varint(data, ref position);
            var number = (int)(key >> 3);
            var wire = (int)(key & 7);
            switch (wire)
            {
                case 0:
                    fields.Add(new ProtoField(number, wire, Varint(data, ref position), []));
                    break;
                case 1:
                    fields.Add(new ProtoField(number, wire, BinaryPrimitives.ReadUInt64LittleEndian(data[position..]), []));
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(data, ref position);
                    fields.Add(new ProtoField(number, wire, 0, data.Slice(position, length).ToArray()));
                    position += length;
                    break;
                case 5:
                    fields.Add(new ProtoField(number, wire, BinaryPrimitives.ReadUInt32LittleEndian(data[position..]), []));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {wire} at {position}");
            }
        }

        return fields;
    }

    public static IEnumerable<ProtoField> All(this IReadOnlyList<ProtoField> fields, int number) => fields.Where(field => field.Number == number);

    public static ProtoField One(this IReadOnlyList<ProtoField> fields, int number) => fields.Single(field => field.Number == number);

    /// <summary>KeyValue list (attributes) → dictionary of string values.</summary>
    public static Dictionary<string, string> Attributes(this IReadOnlyList<ProtoField> fields, int number) =>
        fields.All(number).Select(kv => kv.Message).ToDictionary(kv => kv.One(1).Text, kv => kv.One(2).Message.One(1).Text);

    private static ulong Varint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
