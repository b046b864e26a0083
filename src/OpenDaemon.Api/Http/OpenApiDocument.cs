using System.Text.Json;
using OpenDaemon.Contracts;

namespace OpenDaemon.Api.Http;

/// <summary>
/// <c>GET /api/v1/openapi.json</c>: an OpenAPI 3.0 description generated from <see cref="ApiRoutes.All"/>, so
/// it cannot drift from what the server answers. Bodies and results are described as the RPC contracts the
/// routes call (named in each operation), errors as the shared error object.
/// </summary>
internal static class OpenApiDocument
{
    public static JsonElement Instance { get; } = Build();

    private static JsonElement Build() => JsonParams.Object(w =>
    {
        w.WriteString("openapi", "3.0.3");
        w.WriteStartObject("info");
        w.WriteString("title", "OpenDaemon API");
        w.WriteString("version", ProductInfo.Version);
        w.WriteString("description", "Every endpoint but /api/v1/health needs 'Authorization: Bearer <token>' (od api token). Errors are {code, message, hint}.");
        w.WriteEndObject();
        w.WriteStartObject("components");
        w.WriteStartObject("securitySchemes");
        w.WriteStartObject("bearer");
        w.WriteString("type", "http");
        w.WriteString("scheme", "bearer");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("schemas");
        w.WriteStartObject("Error");
        w.WriteString("type", "object");
        w.WriteStartArray("required");
        w.WriteStringValue("code");
        w.WriteStringValue("message");
        w.WriteEndArray();
        w.WriteStartObject("properties");
        foreach (var property in new[] { "code", "message", "hint" })
        {
            w.WriteStartObject(property);
            w.WriteString("type", "string");
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("paths");
        foreach (var path in ApiRoutes.All.GroupBy(route => route.Path))
        {
            w.WriteStartObject(path.Key);
            foreach (var route in path)
            {
                WriteOperation(w, route);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    });

    private static void WriteOperation(Utf8JsonWriter w, ApiRoute route)
    {
        w.WriteStartObject(route.HttpMethod.ToLowerInvariant());
        w.WriteString("summary", route.Summary);
        if (route.RpcMethod is { } method)
        {
            w.WriteString("description", $"Calls the RPC method {method}; the result is its JSON answer.");
            w.WriteString("operationId", method);
        }

        if (!route.Authenticated)
        {
            w.WriteStartArray("security");
            w.WriteEndArray();
        }
        else
        {
            w.WriteStartArray("security");
            w.WriteStartObject();
            w.WriteStartArray("bearer");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        var parameters = route.Query.Select(q => (Name: q, In: "query", Required: false)).ToList();
        if (route.Path.Contains("{name}", StringComparison.Ordinal))
        {
            parameters.Insert(0, ("name", "path", true));
        }

        w.WriteStartArray("parameters");
        foreach (var (name, location, required) in parameters)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("in", location);
            w.WriteBoolean("required", required);
            w.WriteStartObject("schema");
            w.WriteString("type", "string");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (route.TakesBody)
        {
            w.WriteStartObject("requestBody");
            w.WriteBoolean("required", route.RpcMethod == Contracts.Rpc.RpcMethods.ProcessStart || route.RpcMethod == Contracts.Rpc.RpcMethods.ProcessScale);
            w.WriteStartObject("content");
            w.WriteStartObject("application/json");
            w.WriteStartObject("schema");
            w.WriteString("type", "object");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteStartObject("responses");
        w.WriteStartObject(route.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("description", route.Path == ApiRoutes.WebSocketPath ? "switches to the WebSocket protocol (101)" : "success");
        w.WriteEndObject();
        w.WriteStartObject("default");
        w.WriteString("description", "error: 400 invalid input, 401 no or wrong token, 403 origin refused, 404 unknown app, 409 conflict, 429 rate limited, 503 daemon stopping");
        w.WriteStartObject("content");
        w.WriteStartObject("application/json");
        w.WriteStartObject("schema");
        w.WriteString("$ref", "#/components/schemas/Error");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
