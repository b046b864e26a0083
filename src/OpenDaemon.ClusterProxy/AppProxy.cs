using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenDaemon.Plugins.Abstractions;
using Yarp.ReverseProxy.Forwarder;

namespace OpenDaemon.ClusterProxy;

/// <summary>
/// One app's proxy: Kestrel accepts on the app's port (HTTP/1.1 with WebSocket upgrades; with
/// <c>cluster.tls</c>, HTTPS with HTTP/2 or HTTP/1.1 by ALPN) and each
/// request goes to <c>http://127.0.0.1:&lt;the picked instance's private port&gt;</c> through YARP's
/// forwarder, over one pool of keep-alive connections per app.
/// </summary>
/// <remarks>
/// Concurrency: Kestrel runs requests concurrently on the thread pool; the routes are thread-safe, and the
/// pick each request holds until it has ended counts it in flight (least-connections, and the drain of an
/// instance that stops: its stop signal waits until its requests have ended, bounded by the daemon).
/// <see cref="Dispose"/> stops Kestrel — no new connections, in-flight requests end (up to 10 s) — and
/// closes the pool.
/// </remarks>
internal sealed partial class AppProxy : IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _web;
    private readonly HttpMessageInvoker _backends;
    private readonly X509Certificate2? _certificate;

    private AppProxy(WebApplication web, HttpMessageInvoker backends, X509Certificate2? certificate)
    {
        _web = web;
        _backends = backends;
        _certificate = certificate;
    }

    public static AppProxy Start(RequestProxyApp app)
    {
        X509Certificate2? certificate;
        try
        {
            certificate = app.Tls is { } tls ? Kernel.Tls.PemCertificates.Load($"app {app.Name}: cluster.tls", tls.CertificateFile, tls.KeyFile) : null;
        }
        catch
        {
            // Kestrel never got the descriptor: close it here, or the port stays bound.
            new SafeSocketHandle((IntPtr)app.ListenDescriptor, ownsHandle: true).Dispose();
            throw;
        }

        return Start(app, certificate);
    }

    public void Dispose()
    {
        try
        {
            using var stopping = new CancellationTokenSource(StopTimeout);
            _web.StopAsync(stopping.Token).GetAwaiter().GetResult();
        }
        finally
        {
            _web.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _backends.Dispose();
            _certificate?.Dispose();
        }
    }

    private static AppProxy Start(RequestProxyApp app, X509Certificate2? certificate)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The app decides what it accepts, as it would without the proxy: no body size cap (Kestrel's
            // default is 30 MB) and no minimum data rate that would cut a slow client or a long poll.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.ListenHandle((ulong)app.ListenDescriptor, listen =>
            {
                if (certificate is null)
                {
                    listen.Protocols = HttpProtocols.Http1; // HTTP/2 without TLS would need prior knowledge from every client
                    return;
                }

                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            });
        });
        builder.Services.AddHttpForwarder();
        var web = builder.Build();
        var forwarder = web.Services.GetRequiredService<IHttpForwarder>();
        var backends = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
        web.Run(context => ForwardAsync(context, app, forwarder, backends));
        web.StartAsync().GetAwaiter().GetResult(); // binds nothing (the socket is bound): returns at once
        return new AppProxy(web, backends, certificate);
    }

    private static async Task ForwardAsync(HttpContext context, RequestProxyApp app, IHttpForwarder forwarder, HttpMessageInvoker backends)
    {
        var routes = app.Routes;
        var sticky = routes.StickyCookie is { } cookie ? context.Request.Cookies[cookie] : null;
        var header = routes.RouteHeader is { } name ? context.Request.Headers[name].ToString() : null;
        using var pick = routes.Pick(sticky, header, context.Connection.RemoteIpAddress);
        if (pick is null)
        {
            // Every instance is restarting or unhealthy: say so, and when to try again.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        var instance = pick.Instance.ToString(CultureInfo.InvariantCulture);
        var transformer = new StickyTransformer(routes.StickyCookie is { } stickyCookie && sticky != instance ? (stickyCookie, instance) : null);
        var error = await forwarder.SendAsync(context, $"http://127.0.0.1:{pick.Port.ToString(CultureInfo.InvariantCulture)}/", backends, ForwarderRequestConfig.Empty, transformer).ConfigureAwait(false);
        if (error is ForwarderError.None or ForwarderError.RequestCanceled or ForwarderError.ResponseBodyCanceled or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled)
        {
            return;
        }

        // Whether an app speaks HTTP cannot be known from its configuration, so a request-level strategy on an
        // app that does not is found here, at its first request: the client gets 502 and daemon.log says why.
        var failure = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        if (failure is HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse })
        {
            LogNotHttp(app.Logger, app.Name, pick.Instance, failure.Message);
        }
        else
        {
            LogForwardFailed(app.Logger, app.Name, pick.Instance, error.ToString(), failure?.Message ?? "");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "cluster {App}: instance {Instance} does not answer in HTTP ({Reason}); cluster.sticky, cluster.routeByHeader and cluster.tls proxy HTTP requests and need an HTTP server: for another protocol use a connection-level strategy (round-robin, least-connections, ip-hash, random, weighted)")]
    private static partial void LogNotHttp(ILogger logger, string app, int instance, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster {App}: a request to instance {Instance} failed ({Error}): {Reason}")]
    private static partial void LogForwardFailed(ILogger logger, string app, int instance, string error, string reason);
}
