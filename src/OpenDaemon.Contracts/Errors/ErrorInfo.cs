namespace OpenDaemon.Contracts.Errors;

/// <summary>
/// A failure as it travels: in the <c>data</c> member of a JSON-RPC error and in the CLI's
/// <c>--json</c> output (<c>{"error":{"code":"...","message":"...","hint":"..."}}</c>).
/// </summary>
public sealed record ErrorInfo(ErrorCode Code, string Message, string? Hint = null)
{
    /// <summary>Turns the wire form back into an exception on the client side.</summary>
    public DaemonException ToException() => new(Code, Message, Hint);
}
