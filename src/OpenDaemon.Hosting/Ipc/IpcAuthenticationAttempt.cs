namespace OpenDaemon.Hosting.Ipc;

/// <summary>One answer to the socket's auth challenge, as reported to <see cref="IpcServerOptions.AuthenticationObserver"/>.</summary>
/// <param name="Caller">Who answered (pid and uid from SO_PEERCRED).</param>
/// <param name="Succeeded">True when the token matched.</param>
/// <param name="TokenId">The id of the token presented when it matched (<c>ApiTokenFile.IdOf</c>), never the token.</param>
/// <param name="Reason">Why it failed, in a few words; null on success.</param>
public sealed record IpcAuthenticationAttempt(CallerIdentity Caller, bool Succeeded, string? TokenId, string? Reason);
