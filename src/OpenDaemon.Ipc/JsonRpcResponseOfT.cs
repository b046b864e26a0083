namespace OpenDaemon.Ipc;

/// <summary>A JSON-RPC 2.0 response whose result was read straight from the frame into <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">The type of the result.</typeparam>
/// <param name="Result">The result on success (<see langword="null"/> when the daemon answered <c>null</c>).</param>
/// <param name="Error">The error on failure.</param>
public sealed record JsonRpcResponse<TResult>(TResult? Result, JsonRpcError? Error);
