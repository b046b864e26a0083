using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Api.Auth;
using OpenDaemon.Api.Http;
using OpenDaemon.Api.WebSockets;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Hosting.RateLimiting;
using OpenDaemon.Ipc;

namespace OpenDaemon.Api.Tests;

/// <summary>The request pipeline on in-memory HTTP contexts: what happens before any RPC is called.</summary>
public sealed class ApiRequestHandlerTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("od-api-");
    private readonly TokenBuckets _limits = new(requestsPerSecond: 1000, burst: 1000, TimeProvider.System);
    private readonly RecordingRpc _rpc = new();
    private bool _stopping;

    public void Dispose()
    {
        _home.Delete(recursive: true);
    }

    [Fact]
    public async Task DaemonStopping_Is503WithRetryAfter_AndCallsNothing()
    {
        _stopping = true;

        var context = await SendAsync("GET", "/api/v1/processes", Token());

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("DAEMON_STOPPING", Body(context).GetProperty("code").GetString());
        Assert.Empty(_rpc.Calls);
    }

    [Fact]
    public async Task ProcessRoute_CallsTheRpcMethodWithTheNameAsTarget_AndTheCallerIsTheToken()
    {
        var context = await SendAsync("PUT", "/api/v1/processes/web%20app/restart", Token());

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var (method, parameters, caller) = Assert.Single(_rpc.Calls);
        Assert.Equal("process.restart", method);
        Assert.Equal("web app", parameters.GetProperty("targets")[0].GetString());
        Assert.Equal(CallerIdentity.Api, caller.Transport);
        Assert.Equal(ApiTokenFile.IdOf(Token()), caller.TokenId);
    }

    [Fact]
    public async Task RpcError_BecomesTheStatusOfItsCode()
    {
        _rpc.Error = ErrorCode.OperationInProgress;

        var context = await SendAsync("PUT", "/api/v1/processes/web/reload", Token());

        Assert.Equal(StatusCodes.Status409Conflict, context.Response.StatusCode);
        Assert.Equal("OPERATION_IN_PROGRESS", Body(context).GetProperty("code").GetString());
    }

    [Fact]
    public void EveryErrorCode_HasAStatus_ClientFaultsAre4xx()
    {
        foreach (var code in Enum.GetValues<ErrorCode>())
        {
            Assert.InRange(HttpStatusOf.Error(code), 400, 599);
        }

        Assert.Equal(400, HttpStatusOf.Error(ErrorCode.InvalidParams));
        Assert.Equal(404, HttpStatusOf.Error(ErrorCode.ProcessNotFound));
        Assert.Equal(409, HttpStatusOf.Error(ErrorCode.ProcessAlreadyExists));
        Assert.Equal(429, HttpStatusOf.Error(ErrorCode.RateLimited));
    }

    [Theory]
    [InlineData("GET", "/api/v1/processes/", "/api/v1/processes", null)]
    [InlineData("GET", "/api/v1/processes/api", "/api/v1/processes/{name}", "api")]
    [InlineData("PUT", "/api/v1/processes/3/scale", "/api/v1/processes/{name}/scale", "3")]
    public void Match_FindsTheRouteAndTheName(string method, string path, string pattern, string? name)
    {
        var route = ApiRoutes.Match(method, path, out var matchedName, out _);

        Assert.Equal(pattern, route?.Path);
        Assert.Equal(name, matchedName);
    }

    private string Token() => new ApiTokenFile(_home.FullName).ReadOrCreate();

    private async Task<HttpContext> SendAsync(string method, string path, string token)
    {
        var handler = new ApiRequestHandler(_rpc, new TokenCheck(new ApiTokenFile(_home.FullName)), _limits, new CorsPolicy([]), new WebSocketSessions(_rpc, NullLogger.Instance), () => _stopping);
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = PathString.FromUriComponent(path);
        context.Request.Headers.Authorization = "Bearer " + token;
        context.Response.Body = new MemoryStream();
        await handler.HandleAsync(context);
        return context;
    }

    private static JsonElement Body(HttpContext context)
    {
        var body = (MemoryStream)context.Response.Body;
        using var document = JsonDocument.Parse(body.ToArray());
        return document.RootElement.Clone();
    }

    private sealed class RecordingRpc : IJsonRpcHandler
    {
        public List<(string Method, JsonElement Params, CallerIdentity Caller)> Calls { get; } = [];

        public ErrorCode? Error { get; set; }

        public ValueTask<JsonRpcResponse> HandleAsync(JsonRpcRequest request, IIpcPeer peer, CancellationToken cancellationToken)
        {
            Calls.Add((request.Method, request.Params ?? default, peer.Caller));
            if (Error is { } code)
            {
                var data = JsonSerializer.SerializeToElement(new ErrorInfo(code, "refused in a test"), Contracts.ContractsJsonContext.Default.ErrorInfo);
                return ValueTask.FromResult(JsonRpcResponse.Failure(request.Id, new JsonRpcError(JsonRpcError.ServerError, "refused", data)));
            }

            using var result = JsonDocument.Parse("""{"processes":[]}""");
            return ValueTask.FromResult(JsonRpcResponse.Success(request.Id, result.RootElement.Clone()));
        }
    }
}
