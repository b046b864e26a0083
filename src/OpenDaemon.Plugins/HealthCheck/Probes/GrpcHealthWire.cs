using System.Buffers.Binary;
using System.Text;

using OpenDaemon.Plugins.Shared;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// The bytes of <c>grpc.health.v1.Health/Check</c>: a gRPC length-prefixed frame around a protobuf
/// <c>HealthCheckRequest { string service = 1; }</c> going out and a
/// <c>HealthCheckResponse { ServingStatus status = 1; }</c> coming back. Two one-field messages are
/// cheaper to encode by hand than to carry the protobuf and gRPC libraries in the daemon.
/// </summary>
internal static class GrpcHealthWire
{
    private const int PrefixLength = GrpcUnary.PrefixLength;

    private const byte ServiceFieldTag = (1 << 3) | 2; // field 1, length-delimited
    private const int StatusField = 1;

    /// <summary>The request frame asking about <paramref name="service"/> (empty: the server as a whole).</summary>
    public static byte[] Request(string service)
    {
        var name = Encoding.UTF8.GetBytes(service);
        var message = new List<byte>(name.Length + 6);
        if (name.Length > 0)
        {
            // proto3 leaves a field at its default (the empty string) out of the message.
            message.Add(ServiceFieldTag);
            WriteVarint(message, (ulong)name.Length);
            message.AddRange(name);
        }

        return GrpcUnary.Frame(message.ToArray());
    }

    /// <summary>
    /// The serving status in a response body (proto3 default 0, UNKNOWN, when the field is absent), or
    /// <see langword="null"/> with <paramref name="problem"/> when the body is not one uncompressed
    /// HealthCheckResponse frame.
    /// </summary>
    public static long? ReadStatus(ReadOnlySpan<byte> body, out string? problem)
    {
        problem = null;
        if (body.Length < PrefixLength)
        {
            problem = "the answer holds no message";
            return null;
        }

        if (body[0] != 0)
        {
            problem = "the answer is compressed, which the check did not ask for";
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(body[1..]);
        if (length != body.Length - PrefixLength)
        {
            problem = $"the answer's frame says {length} bytes but carries {body.Length - PrefixLength}";
            return null;
        }

        var message = body[PrefixLength..];
        long status = 0;
        while (!message.IsEmpty)
        {
            if (!TryReadVarint(ref message, out var tag) || !TrySkipOrRead(ref message, tag, ref status))
            {
                problem = "the answer is not a HealthCheckResponse";
                return null;
            }
        }

        return status;
    }

    // A field other than status is skipped by its wire type, as protobuf readers do for unknown fields.
    private static bool TrySkipOrRead(ref ReadOnlySpan<byte> message, ulong tag, ref long status)
    {
        switch (tag & 7)
        {
            case 0:
                if (!TryReadVarint(ref message, out var value))
                {
                    return false;
                }

                if (tag >> 3 == StatusField)
                {
                    status = (long)value;
                }

                return true;
            case 1:
                return TrySkip(ref message, 8);
            case 2:
                return TryReadVarint(ref message, out var length) && length <= int.MaxValue && TrySkip(ref message, (int)length);
            case 5:
                return TrySkip(ref message, 4);
            default:
                return false;
        }
    }

    private static bool TrySkip(ref ReadOnlySpan<byte> message, int count)
    {
        if (message.Length < count)
        {
            return false;
        }

        message = message[count..];
        return true;
    }

    private static bool TryReadVarint(ref ReadOnlySpan<byte> message, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && !message.IsEmpty; shift += 7)
        {
            var next = message[0];
            message = message[1..];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteVarint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }
}
