using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenDaemon.Ipc;

/// <summary>
/// Reads JSON-RPC 2.0 envelopes with <see cref="JsonDocument"/>. Every element handed out is cloned, so it
/// stays valid after the pipe buffer the payload came from is reused. A client's answers are read with
/// <see cref="Utf8JsonReader"/> instead: the read loop only looks for the id, and the caller deserialises
/// the result straight into its type (<see cref="ReadResponse{TResult}"/>), with no document in between.
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
            return JsonRpcResponse.Failure(id, ReadError(errorElement));
        }

        JsonElement? result = root.TryGetProperty("result", out var resultElement) ? resultElement.Clone() : null;
        return new JsonRpcResponse(id, result, null);
    }

    /// <summary>
    /// Finds the numeric id of a response without reading the rest: the server writes it near the start,
    /// so this costs next to nothing. False when the response has no id, or one that is not a number.
    /// </summary>
    /// <exception cref="ProtocolException">The payload is not a JSON object (as far as it was read).</exception>
    public static bool TryReadResponseId(in ReadOnlySequence<byte> payload, out long id)
    {
        id = 0;
        var reader = new Utf8JsonReader(payload);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ProtocolException("a frame's payload is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out id);
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException error)
        {
            throw new ProtocolException("a frame's payload is not valid JSON", error);
        }
    }

    /// <summary>Reads a response sent to the client, its result straight into <typeparamref name="TResult"/>.</summary>
    /// <exception cref="ProtocolException">The payload is not a JSON-RPC response.</exception>
    /// <exception cref="JsonException">The payload is not valid JSON, or its result does not fit <typeparamref name="TResult"/>.</exception>
    public static JsonRpcResponse<TResult> ReadResponse<TResult>(ReadOnlySpan<byte> payload, JsonTypeInfo<TResult> resultType)
    {
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ProtocolException("a frame's payload is not a JSON object");
        }

        TResult? result = default;
        var answered = false;
        JsonRpcError? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                result = JsonSerializer.Deserialize(ref reader, resultType);
                answered = true;
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    // Errors are rare and small: the document keeps their optional data simple to read.
                    using var document = JsonDocument.ParseValue(ref reader);
                    error = ReadError(document.RootElement);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return error is not null ? new JsonRpcResponse<TResult>(default, error)
            : answered ? new JsonRpcResponse<TResult>(result, null)
            : throw new ProtocolException("a response carries neither 'result' nor 'error'");
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

    private static JsonRpcError ReadError(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number || !code.TryGetInt32(out var codeValue)
            || !error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
        {
            throw new ProtocolException("a response carries a malformed 'error' object");
        }

        JsonElement? data = error.TryGetProperty("data", out var dataElement) ? dataElement.Clone() : null;
        return new JsonRpcError(codeValue, message.GetString()!, data);
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
