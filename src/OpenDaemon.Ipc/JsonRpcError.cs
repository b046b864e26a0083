using System.Text.Json;

namespace OpenDaemon.Ipc;

/// <summary>The <c>error</c> member of a failed JSON-RPC 2.0 response.</summary>
/// <param name="Code">A standard code (the constants below) or an application code.</param>
/// <param name="Message">A short, plain sentence.</param>
/// <param name="Data">Optional raw JSON with details.</param>
public sealed record JsonRpcError(int Code, string Message, JsonElement? Data = null)
{
    /// <summary>The payload was not valid JSON.</summary>
    public const int ParseError = -32700;

    /// <summary>The JSON was not a valid request object.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>No such method.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>The parameters do not fit the method.</summary>
    public const int InvalidParams = -32602;

    /// <summary>The server failed while handling the request.</summary>
    public const int InternalError = -32603;

    /// <summary>An application-defined server error.</summary>
    public const int ServerError = -32000;
}
