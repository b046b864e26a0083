using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Kernel.Rpc;

/// <summary>What an <see cref="IRpcCallObserver"/> learns about one completed call (a struct: no allocation per call).</summary>
/// <param name="Call">The call: method, parameters (cloned, safe to keep) and the peer with its <c>Caller</c>.</param>
/// <param name="Error">Null on success; otherwise the error code the caller received.</param>
/// <param name="Cancelled">True when the call was abandoned because its connection closed or the daemon stopped.</param>
/// <param name="Duration">How long the handler ran.</param>
public readonly record struct RpcCallOutcome(RpcCall Call, ErrorCode? Error, bool Cancelled, TimeSpan Duration);
