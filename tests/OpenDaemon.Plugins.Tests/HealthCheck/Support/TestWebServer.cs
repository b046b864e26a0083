using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.Tests.HealthCheck.Support;

/// <summary>A real Kestrel server on 127.0.0.1 and a free port: HTTP/1.1 and HTTP/2, TLS with a given certificate, or HTTP/2 cleartext for gRPC.</summary>
internal sealed class TestWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestWebServer(WebApplication app, int port, bool tls)
    {
        _app = app;
        Port = port;
        Scheme = tls ? "https" : "http";
    }

    public int Port { get; }

    public string Scheme { get; }

    public IServiceProvider Services => _app.Services;

    public string Url(string path = "/") => $"{Scheme}://127.0.0.1:{Port}{path}";

    public static async Task<TestWebServer> StartAsync(
        Action<WebApplication> routes,
        X509Certificate2? certificate = null,
        bool http2Only = false,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            // HTTP/2 only is what a cleartext gRPC server needs (prior knowledge, no upgrade).
            listen.Protocols = http2Only ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        routes(app);
        await app.StartAsync().WaitAsync(OpenDaemon.Testing.TestTimeouts.Short);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestWebServer(app, new Uri(address).Port, certificate is not null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(OpenDaemon.Testing.TestTimeouts.Short);
        await _app.DisposeAsync();
    }
}
