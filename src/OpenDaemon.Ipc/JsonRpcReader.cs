using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace OpenDaemon.Ipc;

/// <summary>
/// Reads JSON-RPC 2.0 envelopes with <see cref="JsonDocument"/>. Every element handed out is cloned, so it
/// stays valid after the pipe buffer the payload came from is reused.
/// </summary>
internal static class JsonRpcReader
{
    /// <summary>Reads a request (or notification) sent to the server.</summary>
    /// <param name="payload">The frame payload.</param>
    /// <param name="request">The request, when the payload is valid.</param>
    /// <param name="errorResponse">When invalid: the ParseError or InvalidRequest response to send before closing.</param>
    public static bool TryReadRequest(
        in ReadOnlySequence<byte> payload,
        [NotNullWhen(true)] out JsonRpcRequest? request,
        [NotNullWhen(false)] out JsonRpcResponse? errorResponse)
    {
        request = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            errorResponse = Invalid(null, JsonRpcError.ParseError, "Parse error: the payload is not valid JSON");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errorResponse = Invalid(null, JsonRpcError.InvalidRequest, "Invalid request: expected a JSON object");
                return false;
            }

            JsonElement? id = null;
            if (root.TryGetProperty("id", out var idElement))
            {
                if (idElement.ValueKind is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null))
                {
                    errorResponse = Invalid(null, JsonRpcError.InvalidRequest, "Invalid request: 'id' must be a number or a string");
                    return false;
                }

                id = idElement.Clone();
            }

            if (!root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"))
            {
                errorResponse = Invalid(id, JsonRpcError.InvalidRequest, "Invalid request: 'jsonrpc' must be \"2.0\"");
                return false;
            }

            if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
            {
                errorResponse = Invalid(id, JsonRpcError.InvalidRequest, "Invalid request: 'method' must be a string");
                return false;
            }

            if (!TryReadParams(root, out var parameters))
            {
                errorResponse = Invalid(id, JsonRpcError.InvalidRequest, "Invalid request: 'params' must be an object or an array");
                return false;
            }

            request = new JsonRpcRequest(id, method.GetString()!, parameters);
            errorResponse = null;
            return true;
        }
    }

    /// <summary>Reads a response sent to the client.</summary>
    /// <exception cref="ProtocolException">The payload is not a JSON-RPC response.</exception>
    public static JsonRpcResponse ReadResponse(in ReadOnlySequence<byte> payload)
    {
        using var document = Parse(payload);
        var root = RequireObject(document);
        JsonElement? id = null;
        if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            id = idElement.Clone();
        }

        if (root.TryGetProperty("error", out var errorElement) && errorElement.ValueKind != JsonValueKind.Null)
        {
            if (errorElement.ValueKind != JsonValueKind.Object
                || !errorElement.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number || !code.TryGetInt32(out var codeValue)
                || !errorElement.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
            {
                throw new ProtocolException("a response carries a malformed 'error' object");
            }

            JsonElement? data = errorElement.TryGetProperty("data", out var dataElement) ? dataElement.Clone() : null;
            return JsonRpcResponse.Failure(id, new JsonRpcError(codeValue, message.GetString()!, data));
        }

        JsonElement? result = root.TryGetProperty("result", out var resultElement) ? resultElement.Clone() : null;
        return new JsonRpcResponse(id, result, null);
    }

    /// <summary>Reads a notification sent to the client.</summary>
    /// <exception cref="ProtocolException">The payload is not a JSON-RPC notification.</exception>
    public static JsonRpcNotification ReadNotification(in ReadOnlySequence<byte> payload)
    {
        using var document = Parse(payload);
        var root = RequireObject(document);
        if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
        {
            throw new ProtocolException("a notification has no 'method'");
        }

        if (!TryReadParams(root, out var parameters))
        {
            throw new ProtocolException("a notification's 'params' is neither an object nor an array");
        }

        return new JsonRpcNotification(method.GetString()!, parameters);
    }

    private static bool TryReadParams(JsonElement root, out JsonElement? parameters)
    {
        parameters = null;
        if (!root.TryGetProperty("params", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return false;
        }

        parameters = element.Clone();
        return true;
    }

    private static JsonDocument Parse(in ReadOnlySequence<byte> payload)
    {
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException error)
        {
            throw new ProtocolException("a frame's payload is not valid JSON", error);
        }
    }

    private static JsonElement RequireObject(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement
            : throw new ProtocolException("a frame's payload is not a JSON object");

    private static JsonRpcResponse Invalid(JsonElement? id, int code, string message) =>
        JsonRpcResponse.Failure(id, new JsonRpcError(code, message));
}
