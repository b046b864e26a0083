using System.Net;
using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.Abstractions;

/// <summary>
/// The HTTP reverse proxy of the request-level cluster strategies (<c>cluster.sticky</c>,
/// <c>cluster.routeByHeader</c>): serves an app's port and forwards each request to the instance its
/// <see cref="IProxyRoutes"/> picks. Implemented outside the plugins (OpenDaemon.ClusterProxy, on Kestrel and
/// YARP) and given to the process manager by the daemon; without one those fields are refused at start.
/// </summary>
public interface IRequestProxyHost
{
    /// <summary>
    /// Starts serving <paramref name="app"/>; disposing the result stops it (in-flight requests end first).
    /// Throws a DaemonException (CONFIG_INVALID) when the TLS certificate cannot be loaded.
    /// </summary>
    IDisposable Start(RequestProxyApp app);
}

/// <summary>One app behind the proxy.</summary>
/// <param name="Name">The app.</param>
/// <param name="ListenDescriptor">
/// A duplicate of the app's listening socket (bound by the daemon, which reports a taken port), owned by the
/// proxy from here on: it accepts on it and closes it when stopped.
/// </param>
/// <param name="Routes">Which instance serves a request.</param>
/// <param name="Logger">Where the proxy reports what goes wrong.</param>
/// <param name="Tls">The PEM certificate and key the proxy terminates TLS with (HTTP/2 and HTTP/1.1 by ALPN); null: plain HTTP/1.1.</param>
public sealed record RequestProxyApp(string Name, int ListenDescriptor, IProxyRoutes Routes, ILogger Logger, Config.Model.ClusterTls? Tls = null);

/// <summary>How the proxy routes an app's requests (cookie stickiness, a header, then the app's strategy).</summary>
public interface IProxyRoutes
{
    /// <summary>The name of the stickiness cookie, or null when the app is not sticky.</summary>
    string? StickyCookie { get; }

    /// <summary>The header whose value keeps requests on one instance, or null.</summary>
    string? RouteHeader { get; }

    /// <summary>
    /// The instance for a request: the one its sticky cookie names (<paramref name="stickyInstance"/>) while it
    /// serves, else the one the header value hashes to, else the strategy's pick. Null when no instance serves.
    /// Dispose the pick when the request has ended (it counts in-flight requests, for least-connections and
    /// for draining an instance that stops).
    /// </summary>
    ProxyPick? Pick(string? stickyInstance, string? headerValue, IPAddress? client);
}

/// <summary>An instance picked for one request: its number (the sticky cookie's value) and its private port on 127.0.0.1.</summary>
public sealed class ProxyPick(int instance, int port, Action ended) : IDisposable
{
    private int _ended;

    public int Instance { get; } = instance;

    public int Port { get; } = port;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            ended();
        }
    }
}
