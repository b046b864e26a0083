namespace OpenDaemon.Contracts.Audit;

/// <summary>Who performed an audited action.</summary>
/// <param name="Type"><c>cli</c> (the Unix socket: <c>od</c>, the SDKs), <c>api</c> (REST, WebSocket) or <c>daemon</c> (the daemon itself: lifecycle events).</param>
public sealed record AuditActor(string Type)
{
    /// <summary>The calling process (Unix socket, from SO_PEERCRED).</summary>
    public int? Pid { get; init; }

    /// <summary>The calling user id (Unix socket, from SO_PEERCRED).</summary>
    public uint? Uid { get; init; }

    /// <summary>The user name of <see cref="Uid"/> from the user database.</summary>
    public string? User { get; init; }

    /// <summary>The API token's id (never the token).</summary>
    public string? TokenId { get; init; }

    /// <summary>The remote address of an API caller.</summary>
    public string? Address { get; init; }
}
