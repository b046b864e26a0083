using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Kernel.Tests.Support;

namespace OpenDaemon.Kernel.Tests.Rpc;

public sealed class RpcParameterReaderTests
{
    [Theory]
    [InlineData(null, "targets", "is missing")]
    [InlineData("{}", "targets", "is missing")]
    [InlineData("{\"targets\":null}", "targets", "is null")]
    [InlineData("{\"targets\":\"api\"}", "targets", "must be an array of strings")]
    [InlineData("{\"targets\":[1]}", "targets", "must be an array of strings")]
    [InlineData("{\"targets\":[null]}", "targets", "must not contain null")]
    [InlineData("[\"api\"]", "params", "must be a JSON object, not an array")]
    public void Read_MalformedTargets_ThrowsInvalidParamsNamingTheParameter(string? json, string parameter, string problem)
    {
        var error = Assert.Throws<DaemonException>(() => RpcParameterReader.Read(Call("process.stop", json), ContractsJsonContext.Default.ProcessTargetParams, "{\"targets\":[\"api\"]}"));

        Assert.Equal(ErrorCode.InvalidParams, error.Code);
        Assert.Equal($"process.stop: parameter '{parameter}' {problem}", error.Message[..$"process.stop: parameter '{parameter}' {problem}".Length]);
        Assert.Equal("for example: {\"targets\":[\"api\"]}", error.Hint);
    }

    [Fact]
    public void Read_AbsentListWithADefault_ReadsAsEmptyNotNull()
    {
        var parameters = RpcParameterReader.Read(Call("log.stream", "{\"level\":\"warn\"}"), ContractsJsonContext.Default.LogStreamParams);

        Assert.Empty(parameters.Targets);
        Assert.Equal("warn", parameters.Level);
    }

    [Fact]
    public void Read_WrongTypeOfAConstructorParameter_NamesIt()
    {
        var error = Assert.Throws<DaemonException>(() => RpcParameterReader.Read(Call("log.unstream", "{\"streamId\":\"one\"}"), ContractsJsonContext.Default.LogUnstreamParams));

        Assert.Equal("log.unstream: parameter 'streamId' must be a whole number", error.Message);
    }

    [Fact]
    public void Read_UnknownMembers_AreIgnored()
    {
        var parameters = RpcParameterReader.Read(Call("process.stop", "{\"targets\":[\"api\"],\"future\":1}"), ContractsJsonContext.Default.ProcessTargetParams);

        Assert.Equal(["api"], parameters.Targets);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("{\"anything\":1}")]
    public void ReadNone_AbsentNullOrObject_Accepts(string? json) => RpcParameterReader.ReadNone(Call("daemon.ping", json));

    [Fact]
    public void ReadNone_Array_ThrowsInvalidParams()
    {
        var error = Assert.Throws<DaemonException>(() => RpcParameterReader.ReadNone(Call("daemon.shutdown", "[]")));

        Assert.Equal(ErrorCode.InvalidParams, error.Code);
        Assert.Contains("'params'", error.Message, StringComparison.Ordinal);
    }

    private static RpcCall Call(string method, string? json) =>
        new(method, json is null ? null : JsonDocument.Parse(json).RootElement.Clone(), NullPeer.Instance);
}
