namespace OpenDaemon.Api.Auth;

/// <summary>
/// One authentication outcome the API reports (to the audit log): every refused token, and every accepted
/// WebSocket connection. An accepted REST call needs no entry of its own: the RPC call it makes is audited
/// with the token id as its actor.
/// </summary>
/// <param name="Succeeded">Whether the token was accepted.</param>
/// <param name="TokenId">The accepted token's id; null when refused.</param>
/// <param name="Address">The client's address.</param>
/// <param name="Request">Method and path, e.g. <c>GET /api/v1/processes</c>.</param>
/// <param name="Reason">Why it was refused: no token, or a wrong one.</param>
public sealed record ApiAuthentication(bool Succeeded, string? TokenId, string Address, string Request, string? Reason = null);
