using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpenDaemon.Api.Auth;
using OpenDaemon.Api.WebSockets;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Hosting.RateLimiting;
using OpenDaemon.Ipc;

namespace OpenDaemon.Api.Http;

/// <summary>
/// Every HTTP request, in order: refused while the daemon stops (503); CORS (a browser origin not configured
/// is 403); the route (404, 405); the client's rate limit (429 with Retry-After) keyed by its token id, or its
/// address before it authenticated; the bearer token (401); then the route's RPC call through the same
/// handler the Unix socket uses, its error code turned into the HTTP status that fits.
/// </summary>
internal sealed class ApiRequestHandler(
    IJsonRpcHandler rpc,
    TokenCheck tokens,
    TokenBuckets limits,
    CorsPolicy cors,
    WebSocketSessions webSockets,
    Func<bool> stopping,
    Action<ApiAuthentication>? onAuthentication = null)
{
    private const int MaxBodyBytes = 1024 * 1024;
    private static readonly JsonElement RequestId = JsonDocument.Parse("1").RootElement.Clone();

    public async Task HandleAsync(HttpContext context)
    {
        if (stopping())
        {
            await ApiResponses.ErrorAsync(context, ErrorCode.DaemonStopping, "the daemon is shutting down", "retry once it is back ('od daemon start')", TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            return;
        }

        if (!cors.Apply(context))
        {
            await ApiResponses.ErrorAsync(context, ErrorCode.PermissionDenied, $"origin '{context.Request.Headers.Origin}' may not call this API", "add it to api.cors.origins in the daemon's config").ConfigureAwait(false);
            return;
        }

        if (CorsPolicy.IsPreflight(context))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var route = ApiRoutes.Match(context.Request.Method, context.Request.Path.Value ?? "/", out var name, out var pathExists);
        if (route is null)
        {
            await (pathExists
                ? MethodNotAllowedAsync(context)
                : ApiResponses.ErrorAsync(context, ErrorCode.MethodNotFound, $"no endpoint {context.Request.Method} {context.Request.Path}", "see GET /api/v1/openapi.json")).ConfigureAwait(false);
            return;
        }

        var tokenId = tokens.Verify(context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : BearerFromQuery(context, route));
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!limits.TryAcquire(tokenId is null ? "address:" + address : "token:" + tokenId, out var retryAfter))
        {
            await ApiResponses.ErrorAsync(context, ErrorCode.RateLimited, "too many requests from this client", "slow down, or raise api.rateLimit in the daemon's config", retryAfter).ConfigureAwait(false);
            return;
        }

        var request = $"{context.Request.Method} {context.Request.Path}";
        if (route.Authenticated && tokenId is null)
        {
            var reason = context.Request.Headers.Authorization.Count == 0 ? "this endpoint needs a bearer token" : "the token is not valid";
            onAuthentication?.Invoke(new ApiAuthentication(false, null, address, request, reason));
            await ApiResponses.ErrorAsync(context, ErrorCode.Unauthorized, reason, "send 'Authorization: Bearer <token>' with the token 'od api token' prints").ConfigureAwait(false);
            return;
        }

        if (route.Path == ApiRoutes.WebSocketPath)
        {
            onAuthentication?.Invoke(new ApiAuthentication(true, tokenId, address, request));
        }

        var caller = new CallerIdentity(CallerIdentity.Api) { TokenId = tokenId, RemoteAddress = address };
        try
        {
            await RouteAsync(context, route, name, caller).ConfigureAwait(false);
        }
        catch (DaemonException error)
        {
            await ApiResponses.ErrorAsync(context, error.ToErrorInfo()).ConfigureAwait(false);
        }
    }

    private async Task RouteAsync(HttpContext context, ApiRoute route, string? name, CallerIdentity caller)
    {
        switch (route.Path)
        {
            case ApiRoutes.HealthPath:
                await ApiResponses.JsonAsync(context, StatusCodes.Status200OK, JsonParams.Object(w =>
                {
                    w.WriteString("status", "ok");
                    w.WriteString("version", ProductInfo.Version);
                })).ConfigureAwait(false);
                return;
            case ApiRoutes.OpenApiPath:
                await ApiResponses.JsonAsync(context, StatusCodes.Status200OK, OpenApiDocument.Instance).ConfigureAwait(false);
                return;
            case ApiRoutes.WebSocketPath:
                await webSockets.AcceptAsync(context, caller).ConfigureAwait(false);
                return;
        }

        var body = route.TakesBody ? await ReadBodyAsync(context).ConfigureAwait(false) : null;
        var call = new RouteCall(name, context.Request.Query, body);
        var method = route.RpcMethod == RpcMethods.MetricSnapshot ? ApiRoutes.MetricsMethod(context.Request.Query) : route.RpcMethod!;
        var peer = new HttpPeer(HttpPeer.NextId(), caller, context.RequestAborted);
        var response = await rpc.HandleAsync(new JsonRpcRequest(RequestId, method, route.Params(call)), peer, context.RequestAborted).ConfigureAwait(false);
        if (response.Error is { } error)
        {
            await ApiResponses.ErrorAsync(context, ErrorOf(error)).ConfigureAwait(false);
        }
        else if (route.Kind == RouteKind.PrometheusText)
        {
            var exposition = response.Result!.Value.Deserialize(ContractsJsonContext.Default.MetricExposition)!;
            await ApiResponses.TextAsync(context, exposition.ContentType, exposition.Text).ConfigureAwait(false);
        }
        else
        {
            await ApiResponses.JsonAsync(context, route.SuccessStatus, response.Result ?? default).ConfigureAwait(false);
        }
    }

    private static async Task<JsonElement?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || (context.Request.ContentLength is null && !context.Request.Headers.TransferEncoding.Any()))
        {
            return null;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new DaemonException(ErrorCode.InvalidParams, $"the body is larger than {MaxBodyBytes / 1024} KiB", null);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new DaemonException(ErrorCode.InvalidParams, "the body must be a JSON object", "see GET /api/v1/openapi.json");
        }
        catch (JsonException error)
        {
            throw new DaemonException(ErrorCode.InvalidParams, $"the body is not valid JSON: {error.Message}", "send Content-Type: application/json with a JSON object");
        }
    }

    private static ErrorInfo ErrorOf(JsonRpcError error) =>
        error.Data?.Deserialize(ContractsJsonContext.Default.ErrorInfo) ?? new ErrorInfo(ErrorCode.UnknownError, error.Message);

    // Browsers cannot set headers on a WebSocket handshake: the WebSocket alone also takes ?access_token=.
    private static string? BearerFromQuery(HttpContext context, ApiRoute route) =>
        route.Path == ApiRoutes.WebSocketPath && context.Request.Query["access_token"].ToString() is { Length: > 0 } token ? "Bearer " + token : null;

    private static Task MethodNotAllowedAsync(HttpContext context)
    {
        context.Response.Headers.Allow = string.Join(", ", ApiRoutes.MethodsFor(context.Request.Path.Value ?? "/"));
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        return ApiResponses.JsonAsync(context, StatusCodes.Status405MethodNotAllowed, JsonSerializer.SerializeToElement(
            new ErrorInfo(ErrorCode.MethodNotFound, $"{context.Request.Method} is not allowed on {context.Request.Path}", $"allowed: {context.Response.Headers.Allow}"),
            ContractsJsonContext.Default.ErrorInfo));
    }
}
