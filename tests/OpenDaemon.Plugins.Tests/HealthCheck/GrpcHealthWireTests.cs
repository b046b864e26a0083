using Grpc.Health.V1;
using Google.Protobuf;
using OpenDaemon.Plugins.HealthCheck.Probes;

namespace OpenDaemon.Plugins.Tests.HealthCheck;

/// <summary>The hand-encoded health messages against the protobuf library's own encoding.</summary>
public sealed class GrpcHealthWireTests
{
    [Theory]
    [InlineData("")]
    [InlineData("orders")]
    [InlineData("a.service.name.longer.than.one.hundred.and.twenty.seven.bytes.so.that.its.length.takes.two.varint.bytes.in.the.encoded.message.xx")]
    public void Request_IsTheProtobufEncodingInAGrpcFrame(string service)
    {
        var message = new HealthCheckRequest { Service = service }.ToByteArray();

        var frame = GrpcHealthWire.Request(service);

        Assert.Equal(Frame(message), frame);
    }

    [Theory]
    [InlineData(HealthCheckResponse.Types.ServingStatus.Unknown, 0)]
    [InlineData(HealthCheckResponse.Types.ServingStatus.Serving, 1)]
    [InlineData(HealthCheckResponse.Types.ServingStatus.NotServing, 2)]
    [InlineData(HealthCheckResponse.Types.ServingStatus.ServiceUnknown, 3)]
    public void ReadStatus_ReadsWhatProtobufWrote(HealthCheckResponse.Types.ServingStatus status, long expected)
    {
        var body = Frame(new HealthCheckResponse { Status = status }.ToByteArray());

        Assert.Equal(expected, GrpcHealthWire.ReadStatus(body, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void ReadStatus_SkipsFieldsItDoesNotKnow()
    {
        // field 2 length-delimited "xy", field 3 fixed64, field 4 fixed32, then status = SERVING.
        byte[] message = [0x12, 2, (byte)'x', (byte)'y', 0x19, 1, 2, 3, 4, 5, 6, 7, 8, 0x25, 1, 2, 3, 4, 0x08, 1];

        Assert.Equal(1, GrpcHealthWire.ReadStatus(Frame(message), out _));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 }, "the answer holds no message")]
    [InlineData(new byte[] { 1, 0, 0, 0, 2, 0x08, 1 }, "the answer is compressed, which the check did not ask for")]
    [InlineData(new byte[] { 0, 0, 0, 0, 9, 0x08, 1 }, "the answer's frame says 9 bytes but carries 2")]
    [InlineData(new byte[] { 0, 0, 0, 0, 2, 0x08, 0x80 }, "the answer is not a HealthCheckResponse")]
    [InlineData(new byte[] { 0, 0, 0, 0, 2, 0x12, 5 }, "the answer is not a HealthCheckResponse")]
    public void ReadStatus_MalformedAnswer_SaysWhy(byte[] body, string expected)
    {
        Assert.Null(GrpcHealthWire.ReadStatus(body, out var problem));
        Assert.Equal(expected, problem);
    }

    private static byte[] Frame(byte[] message) =>
        [0, (byte)(message.Length >> 24), (byte)(message.Length >> 16), (byte)(message.Length >> 8), (byte)message.Length, .. message];
}
