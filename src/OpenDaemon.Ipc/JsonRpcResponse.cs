using System.Text.Json;

namespace OpenDaemon.Ipc;

/// <summary>A JSON-RPC 2.0 response: exactly one of <see cref="Result"/> and <see cref="Error"/> is meaningful.</summary>
/// <param name="Id">The id of the request this answers (<see langword="null"/> only when the request could not be read).</param>
/// <param name="Result">The raw result on success.</param>
/// <param name="Error">The error on failure.</param>
public sealed record JsonRpcResponse(JsonElement? Id, JsonElement? Result, JsonRpcError? Error)
{
    private readonly JsonElement? _result = Result;

    /// <summary>The raw result on success.</summary>
    /// <remarks>A response made with <see cref="Success(JsonElement?, JsonRpcResult)"/> builds it on each read: the IPC server writes such a result straight into its frame instead.</remarks>
    public JsonElement? Result
    {
        get => _result ?? Pending?.ToElement();
        init => _result = value;
    }

    /// <summary>A result not serialised yet (see <see cref="JsonRpcResult"/>).</summary>
    internal JsonRpcResult? Pending { get; private init; }

    /// <summary>A successful response carrying <paramref name="result"/>.</summary>
    public static JsonRpcResponse Success(JsonElement? id, JsonElement result) => new(id, result, null);

    /// <summary>A successful response carrying <paramref name="result"/>, serialised only when the response is written.</summary>
    public static JsonRpcResponse Success(JsonElement? id, JsonRpcResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(id, null, null) { Pending = result };
    }

    /// <summary>A failed response carrying <paramref name="error"/>.</summary>
    public static JsonRpcResponse Failure(JsonElement? id, JsonRpcError error) => new(id, null, error);
}
