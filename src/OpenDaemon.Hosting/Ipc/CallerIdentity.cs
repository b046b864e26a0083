namespace OpenDaemon.Hosting.Ipc;

/// <summary>
/// Who made a call, as far as its transport can tell — for the audit log, rate limits and
/// permission checks. On the Unix socket the kernel vouches for pid and uid (SO_PEERCRED);
/// over HTTP only the token id and the remote address are known.
/// </summary>
/// <param name="Transport"><see cref="Cli"/> (the Unix socket: <c>od</c>, the SDKs) or <see cref="Api"/> (REST, WebSocket).</param>
public sealed record CallerIdentity(string Transport)
{
    /// <summary>The transport name of the Unix socket.</summary>
    public const string Cli = "cli";

    /// <summary>The transport name of HTTP and WebSocket.</summary>
    public const string Api = "api";

    /// <summary>A caller nothing is known about (tests, calls the daemon makes itself).</summary>
    public static CallerIdentity Unknown { get; } = new(Cli);

    /// <summary>The calling process, when the transport reports it.</summary>
    public int? Pid { get; init; }

    /// <summary>The calling user id, when the transport reports it.</summary>
    public uint? Uid { get; init; }

    /// <summary>The id of the API token used (never the token itself).</summary>
    public string? TokenId { get; init; }

    /// <summary>The remote address of an HTTP caller.</summary>
    public string? RemoteAddress { get; init; }
}
