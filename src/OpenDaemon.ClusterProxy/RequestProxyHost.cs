using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.ClusterProxy;

/// <summary>
/// The HTTP reverse proxy of cluster mode's request-level strategies (<c>cluster.sticky</c>,
/// <c>cluster.routeByHeader</c>): one Kestrel server per app on the app's own listening socket, forwarding
/// each request with YARP's forwarder to the instance the app's routes pick (<see cref="AppProxy"/>).
/// </summary>
public sealed class RequestProxyHost : IRequestProxyHost
{
    public IDisposable Start(RequestProxyApp app) => AppProxy.Start(app);
}
