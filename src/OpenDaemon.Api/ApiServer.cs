using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenDaemon.Api.Auth;
using OpenDaemon.Api.Http;
using OpenDaemon.Api.WebSockets;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Hosting.RateLimiting;
using OpenDaemon.Ipc;

namespace OpenDaemon.Api;

/// <summary>
/// The REST and WebSocket API (spec §8): Kestrel on <c>api.listen</c>, HTTPS when <c>api.tls</c> names a
/// certificate, every request answered by <see cref="ApiRequestHandler"/> through the daemon's RPC handler.
/// Built only when the config has an <c>api</c> section; a daemon without one never starts Kestrel.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebSocketSessions _webSockets;

    private ApiServer(WebApplication app, WebSocketSessions webSockets, IPEndPoint endPoint, bool https)
    {
        _app = app;
        _webSockets = webSockets;
        EndPoint = endPoint;
        IsHttps = https;
    }

    /// <summary>Where it listens (the real port when the config asked for port 0).</summary>
    public IPEndPoint EndPoint { get; private set; }

    /// <summary>Whether it speaks HTTPS.</summary>
    public bool IsHttps { get; }

    /// <summary><c>http://127.0.0.1:9615</c>: what clients connect to.</summary>
    public string BaseUrl => $"{(IsHttps ? "https" : "http")}://{EndPoint}";

    /// <summary>WebSocket clients connected now.</summary>
    public long WebSocketClients => _webSockets.Open;

    /// <summary>
    /// Starts listening; failures (address in use, unreadable certificate) are <see cref="DaemonException"/>s naming
    /// the fix. <c>onAuthentication</c> is told about refused tokens and accepted WebSocket clients (the audit log).
    /// </summary>
    public static async Task<ApiServer> StartAsync(
        ApiSettings settings,
        string home,
        IJsonRpcHandler rpc,
        ILoggerFactory loggerFactory,
        Func<bool> stopping,
        Action<ApiAuthentication>? onAuthentication,
        CancellationToken cancellationToken)
    {
        var endPoint = IPEndPoint.Parse(settings.Listen);
        var certificate = settings.CertificateFile is { } certificateFile ? Kernel.Tls.PemCertificates.Load("api.tls", certificateFile, settings.KeyFile) : null;
        var tokens = new TokenCheck(new ApiTokenFile(home));
        var limits = new TokenBuckets(settings.RequestsPerSecond, settings.Burst, TimeProvider.System);
        var webSockets = new WebSocketSessions(rpc, loggerFactory.CreateLogger("OpenDaemon.Api.WebSockets"));
        var handler = new ApiRequestHandler(rpc, tokens, limits, new CorsPolicy(settings.CorsOrigins), webSockets, stopping, onAuthentication);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ILoggerFactory>(new FrameworkLoggerFactory(loggerFactory));
        builder.Services.AddWebSockets(_ => { });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = 1024 * 1024;
            options.Listen(endPoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException error) when (error.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || error.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new DaemonException(ErrorCode.SocketError, $"the API cannot listen on {settings.Listen}: the address is in use", "stop what uses it, or set another api.listen in the config", error);
        }
        catch (Exception error) when (error is IOException or SocketException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new DaemonException(ErrorCode.SocketError, $"the API cannot listen on {settings.Listen}: {error.Message}", "check api.listen in the config", error);
        }

        var server = new ApiServer(app, webSockets, endPoint, certificate is not null);
        server.EndPoint = BoundEndPoint(app) ?? endPoint;
        return server;
    }

    /// <summary>Stops listening, ends WebSocket sessions and waits (bounded) for requests in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Requests that ignore cancellation are abandoned: the daemon is stopping.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        await _webSockets.DisposeAsync().ConfigureAwait(false);
    }

    private static IPEndPoint? BoundEndPoint(WebApplication app)
    {
        var address = app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is not null && Uri.TryCreate(address, UriKind.Absolute, out var uri) && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip)
            ? new IPEndPoint(ip, uri.Port)
            : null;
    }
}
