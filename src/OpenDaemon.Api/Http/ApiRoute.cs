using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OpenDaemon.Api.Http;

/// <summary>How a route answers.</summary>
internal enum RouteKind
{
    /// <summary>Calls <see cref="ApiRoute.RpcMethod"/> and answers its JSON result.</summary>
    Rpc,

    /// <summary>Calls <see cref="ApiRoute.RpcMethod"/> (metric.exposition) and answers its text as Prometheus text.</summary>
    PrometheusText,

    /// <summary>Answered by the API itself (health, openapi.json, the WebSocket).</summary>
    Local,
}

/// <summary>
/// One endpoint of spec §8.1: its method and path, what it calls, how it builds the call's parameters
/// (from the route's <c>{name}</c>, the query and the JSON body), and its OpenAPI description.
/// </summary>
internal sealed record ApiRoute(string HttpMethod, string Path, string Summary, RouteKind Kind, string? RpcMethod = null)
{
    /// <summary>Builds the RPC parameters; null sends none.</summary>
    public Func<RouteCall, JsonElement?> Params { get; init; } = _ => null;

    /// <summary>Status of a success (201 for a start).</summary>
    public int SuccessStatus { get; init; } = StatusCodes.Status200OK;

    /// <summary>Whether the route needs the bearer token (all but health).</summary>
    public bool Authenticated { get; init; } = true;

    /// <summary>Whether a JSON body is read (and must be an object when present).</summary>
    public bool TakesBody { get; init; }

    /// <summary>Query parameters, for the OpenAPI description.</summary>
    public IReadOnlyList<string> Query { get; init; } = [];
}

/// <summary>What a route's parameter builder sees.</summary>
/// <param name="Name">The <c>{name}</c> of the path, when it has one.</param>
/// <param name="Query">The query string.</param>
/// <param name="Body">The JSON body, when the route takes one and it was sent.</param>
internal sealed record RouteCall(string? Name, IQueryCollection Query, JsonElement? Body);
