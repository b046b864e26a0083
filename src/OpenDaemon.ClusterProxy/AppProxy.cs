using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenDaemon.Plugins.Abstractions;
using Yarp.ReverseProxy.Forwarder;

namespace OpenDaemon.ClusterProxy;

/// <summary>
/// One app's proxy: Kestrel accepts on the app's port (HTTP/1.1, WebSocket upgrades included) and each
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

    private AppProxy(WebApplication web, HttpMessageInvoker backends)
    {
        _web = web;
        _backends = backends;
    }

    public static AppProxy Start(RequestProxyApp app)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenHandle((ulong)app.ListenDescriptor);
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
        return new AppProxy(web, backends);
    }

    public void Dispose()
    {
        try
        {
            _web.StopAsync(new CancellationTokenSource(StopTimeout).Token).GetAwaiter().GetResult();
        }
        finally
        {
            _web.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _backends.Dispose();
        }
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
        if (error is not (ForwarderError.None or ForwarderError.RequestCanceled or ForwarderError.ResponseBodyCanceled or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled))
        {
            LogForwardFailed(app.Logger, app.Name, pick.Instance, error.ToString(), context.Features.Get<IForwarderErrorFeature>()?.Exception?.Message ?? "");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster {App}: a request to instance {Instance} failed ({Error}): {Reason}")]
    private static partial void LogForwardFailed(ILogger logger, string app, int instance, string error, string reason);
}
