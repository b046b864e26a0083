using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Kernel.Tests.Support;

namespace OpenDaemon.Kernel.Tests.Rpc;

public sealed class RpcMethodRegistryTests
{
    private static readonly JsonElement RequestId = JsonSerializer.SerializeToElement(7);
    private readonly RpcMethodRegistry _registry = new(NullLogger.Instance);

    [Fact]
    public async Task HandleAsync_RegisteredMethod_ReturnsSerialisedResultWithRequestId()
    {
        _registry.Register("daemon.ping", (_, _) => ValueTask.FromResult(new PingResult(true, DateTimeOffset.UnixEpoch)), () => ContractsJsonContext.Default.PingResult);

        var response = await HandleAsync("daemon.ping");

        Assert.Null(response.Error);
        Assert.Equal(7, response.Id!.Value.GetInt32());
        Assert.True(response.Result!.Value.GetProperty("pong").GetBoolean());
    }

    [Fact]
    public async Task HandleAsync_UnknownMethod_AnswersMethodNotFoundWithHint()
    {
        var response = await HandleAsync("no.such");

        Assert.Equal(JsonRpcError.MethodNotFound, response.Error!.Code);
        var info = ReadInfo(response);
        Assert.Equal(ErrorCode.MethodNotFound, info.Code);
        Assert.Contains("no.such", info.Message, StringComparison.Ordinal);
        Assert.NotNull(info.Hint);
    }

    [Fact]
    public async Task HandleAsync_MethodThrowsDaemonException_CarriesCodeMessageAndHint()
    {
        _registry.Register("process.info", (_, _) => throw new DaemonException(ErrorCode.ProcessNotFound, "no app named api", "see 'od ls'"));

        var response = await HandleAsync("process.info");

        Assert.Equal(JsonRpcError.ServerError, response.Error!.Code);
        Assert.Equal(new ErrorInfo(ErrorCode.ProcessNotFound, "no app named api", "see 'od ls'"), ReadInfo(response));
    }

    [Fact]
    public async Task HandleAsync_MethodThrowsUnexpectedly_AnswersInternalErrorAndKeepsServing()
    {
        _registry.Register("broken", (_, _) => throw new InvalidOperationException("boom"));
        _registry.Register("daemon.ping", (_, _) => ValueTask.FromResult(new PingResult(true, DateTimeOffset.UnixEpoch)), () => ContractsJsonContext.Default.PingResult);

        var broken = await HandleAsync("broken");
        var ping = await HandleAsync("daemon.ping");

        Assert.Equal(JsonRpcError.InternalError, broken.Error!.Code);
        Assert.Equal(ErrorCode.UnknownError, ReadInfo(broken).Code);
        Assert.Contains("boom", ReadInfo(broken).Message, StringComparison.Ordinal);
        Assert.Null(ping.Error);
    }

    [Fact]
    public void Register_SameNameTwice_IsRefused()
    {
        _registry.Register("a", (_, _) => ValueTask.FromResult<JsonRpcResult>(default(JsonElement)));

        Assert.Throws<InvalidOperationException>(() => _registry.Register("a", (_, _) => ValueTask.FromResult<JsonRpcResult>(default(JsonElement))));
        Assert.Equal(["a"], _registry.MethodNames);
    }

    private ValueTask<JsonRpcResponse> HandleAsync(string method) =>
        _registry.HandleAsync(new JsonRpcRequest(RequestId, method, null), NullPeer.Instance, CancellationToken.None);

    private static ErrorInfo ReadInfo(JsonRpcResponse response) =>
        response.Error!.Data!.Value.Deserialize(ContractsJsonContext.Default.ErrorInfo)!;
}
