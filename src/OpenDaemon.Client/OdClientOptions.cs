using OpenDaemon.Contracts.Environment;

namespace OpenDaemon.Client;

/// <summary>How to reach a daemon.</summary>
public sealed record OdClientOptions
{
    /// <summary>The installation to talk to; by default read from <c>OD_HOME</c>/<c>OD_SOCKET</c>.</summary>
    public OdEnvironment Environment { get; init; } = OdEnvironment.FromEnvironment();

    /// <summary>How long to wait for the socket to accept.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for any one answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long to wait for process operations (start, stop, restart, delete, resurrect), which
    /// answer only once the apps reached their state: bounded by readyTimeout/killTimeout per app.
    /// </summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
