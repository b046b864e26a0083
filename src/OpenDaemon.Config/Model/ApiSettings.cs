namespace OpenDaemon.Config.Model;

/// <summary>
/// The <c>api</c> section: the REST and WebSocket API (spec §8). Off unless the section is present
/// (and not <c>enabled: false</c>); read when the daemon starts.
/// </summary>
public sealed record ApiSettings
{
    /// <summary>The default address: loopback only, PM2's port for its own API.</summary>
    public const string DefaultListen = "127.0.0.1:9615";

    /// <summary>Address and port, <c>host:port</c>; a non-loopback address exposes the API to the network.</summary>
    public string Listen { get; init; } = DefaultListen;

    /// <summary>PEM certificate file for HTTPS, or null for plain HTTP.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>PEM private key of <see cref="CertificateFile"/> (null when the certificate file holds it).</summary>
    public string? KeyFile { get; init; }

    /// <summary>Origins a browser may call the API from; empty (the default) sends no CORS headers.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Requests one client (token or address) may make per second, on average.</summary>
    public int RequestsPerSecond { get; init; } = 50;

    /// <summary>Requests one client may make at once above the average.</summary>
    public int Burst { get; init; } = 100;
}
