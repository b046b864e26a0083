using System.Buffers;
using System.Text;
using System.Text.Json;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

public sealed class JsonRpcCodecTests
{
    [Fact]
    public void TryReadRequest_IdLargerThanInt64_IsEchoedBackExactlyAsSent()
    {
        var payload = Bytes("""{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"m"}""");

        Assert.True(JsonRpcReader.TryReadRequest(new ReadOnlySequence<byte>(payload), out var request, out _));
        var written = Write(w => JsonRpcWriter.WriteResponse(w, JsonRpcResponse.Success(request.Id, JsonDocument.Parse("1").RootElement)));

        Assert.Contains("\"id\":123456789012345678901234567890", written, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadRequest_SourceBufferReused_ParamsStayIntact()
    {
        var payload = Bytes("""{"jsonrpc":"2.0","id":1,"method":"m","params":{"name":"api"}}""");

        Assert.True(JsonRpcReader.TryReadRequest(new ReadOnlySequence<byte>(payload), out var request, out _));
        Array.Fill(payload, (byte)'x');

        Assert.Equal("api", request.Params!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public void TryReadRequest_NoId_IsANotification()
    {
        Assert.True(JsonRpcReader.TryReadRequest(new ReadOnlySequence<byte>(Bytes("""{"jsonrpc":"2.0","method":"m"}""")), out var request, out _));

        Assert.Null(request.Id);
        Assert.Null(request.Params);
    }

    [Fact]
    public void TryReadRequest_BadParamsType_InvalidRequestKeepsTheId()
    {
        Assert.False(JsonRpcReader.TryReadRequest(
            new ReadOnlySequence<byte>(Bytes("""{"jsonrpc":"2.0","id":9,"method":"m","params":5}""")), out _, out var error));

        Assert.Equal(JsonRpcError.InvalidRequest, error.Error!.Code);
        Assert.Equal(9, error.Id!.Value.GetInt32());
    }

    [Fact]
    public void WriteResponse_Failure_WritesErrorObjectAndNoResult()
    {
        var data = JsonDocument.Parse("""{"hint":"h"}""").RootElement;

        var json = JsonDocument.Parse(Write(w => JsonRpcWriter.WriteResponse(
            w, JsonRpcResponse.Failure(null, new JsonRpcError(JsonRpcError.MethodNotFound, "no such method", data))))).RootElement;

        Assert.Equal(JsonValueKind.Null, json.GetProperty("id").ValueKind);
        Assert.False(json.TryGetProperty("result", out _));
        Assert.Equal(-32601, json.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("h", json.GetProperty("error").GetProperty("data").GetProperty("hint").GetString());
    }

    [Fact]
    public void ReadResponse_WrittenByWriter_RoundTrips()
    {
        var id = JsonDocument.Parse("\"abc\"").RootElement;
        var bytes = Encoding.UTF8.GetBytes(Write(w => JsonRpcWriter.WriteResponse(w, JsonRpcResponse.Success(id, JsonDocument.Parse("[1,2]").RootElement))));

        var response = JsonRpcReader.ReadResponse(new ReadOnlySequence<byte>(bytes));

        Assert.Equal("abc", response.Id!.Value.GetString());
        Assert.Equal(2, response.Result!.Value.GetArrayLength());
        Assert.Null(response.Error);
    }

    [Fact]
    public void WriteResponse_TypedResult_IsWrittenIntoTheFrameAndReadBackStraightIntoItsType()
    {
        var response = JsonRpcResponse.Success(JsonDocument.Parse("7").RootElement, JsonRpcResult.From(new[] { "api", "worker" }, TestJsonContext.Default.StringArray));
        var bytes = Encoding.UTF8.GetBytes(Write(w => JsonRpcWriter.WriteResponse(w, response)));

        Assert.True(JsonRpcReader.TryReadResponseId(new ReadOnlySequence<byte>(bytes), out var id));
        var read = JsonRpcReader.ReadResponse(bytes, TestJsonContext.Default.StringArray);

        Assert.Equal(7, id);
        Assert.Null(read.Error);
        Assert.Equal(["api", "worker"], read.Result!);
        Assert.Equal("worker", response.Result!.Value[1].GetString()); // a reader that wants an element (REST) still gets one
    }

    [Fact]
    public void TryReadResponseId_IdAfterTheResult_IsFoundPastTheResultsOwnIds()
    {
        var bytes = Bytes("""{"jsonrpc":"2.0","result":{"rows":[1,{"id":2}]},"id":42}""");

        Assert.True(JsonRpcReader.TryReadResponseId(new ReadOnlySequence<byte>(bytes), out var id));
        Assert.Equal(42, id);
    }

    [Fact]
    public void ReadResponseTyped_ErrorResponse_CarriesTheErrorAndNoResult()
    {
        var read = JsonRpcReader.ReadResponse(
            Bytes("""{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"no such method","data":{"hint":"h"}}}"""),
            TestJsonContext.Default.StringArray);

        Assert.Null(read.Result);
        Assert.Equal(JsonRpcError.MethodNotFound, read.Error!.Code);
        Assert.Equal("h", read.Error.Data!.Value.GetProperty("hint").GetString());
    }

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    private static string Write(Action<IBufferWriter<byte>> write)
    {
        using var buffer = new PooledBufferWriter();
        write(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenMemory.Span);
    }
}
