using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.Tests.HealthCheck.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.HealthCheck;

/// <summary>The grpc check against a real gRPC server (Kestrel, HTTP/2 cleartext) running the standard health service.</summary>
public sealed class GrpcProbeTests : IAsyncLifetime
{
    private readonly HealthServiceImpl _health = new();
    private TestWebServer _server = null!;

    public async Task InitializeAsync()
    {
        _health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
        _health.SetStatus("orders", HealthCheckResponse.Types.ServingStatus.Serving);
        _health.SetStatus("billing", HealthCheckResponse.Types.ServingStatus.NotServing);
        _server = await TestWebServer.StartAsync(
            app => app.MapGrpcService<HealthServiceImpl>(),
            http2Only: true,
            services: services =>
            {
                services.AddGrpc();
                services.AddSingleton(_health);
            });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Check_ServerServing_Passes()
    {
        var result = await Probe.RunAsync(Grpc(service: null));

        Assert.True(result.Passed, result.Message);
        Assert.Equal("server is SERVING", result.Message);
    }

    [Fact]
    public async Task Check_ServiceServing_Passes()
    {
        var result = await Probe.RunAsync(Grpc("orders"));

        Assert.True(result.Passed, result.Message);
    }

    [Fact]
    public async Task Check_ServiceNotServing_Fails()
    {
        var result = await Probe.RunAsync(Grpc("billing"));

        Assert.False(result.Passed);
        Assert.Equal("service \"billing\" is NOT_SERVING", result.Message);
    }

    [Fact]
    public async Task Check_UnknownService_Fails()
    {
        var result = await Probe.RunAsync(Grpc("shipping"));

        Assert.False(result.Passed);
        Assert.StartsWith("service \"shipping\" is SERVICE_UNKNOWN", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_StatusChangesToNotServing_FailsOnTheNextCheck()
    {
        _health.SetStatus("orders", HealthCheckResponse.Types.ServingStatus.NotServing);

        var result = await Probe.RunAsync(Grpc("orders"));

        Assert.False(result.Passed);
    }

    [Fact]
    public async Task Check_NothingListening_Fails()
    {
        var result = await Probe.RunAsync(new HealthCheckConfig { Type = HealthCheckType.Grpc, Host = "127.0.0.1", Port = Ports.Closed() });

        Assert.False(result.Passed);
        Assert.Contains("connection refused", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ServerWithoutTheHealthService_FailsWithUnimplemented()
    {
        await using var server = await TestWebServer.StartAsync(_ => { }, http2Only: true, services: services => services.AddGrpc());

        var result = await Probe.RunAsync(new HealthCheckConfig { Type = HealthCheckType.Grpc, Host = "127.0.0.1", Port = server.Port });

        Assert.False(result.Passed);
        Assert.StartsWith($"gRPC Unimplemented from http://127.0.0.1:{server.Port}/", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_PlainHttp2ServerThatIsNotGrpc_FailsWithoutGrpcStatus()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapPost("/grpc.health.v1.Health/Check", () => "hello"), http2Only: true);

        var result = await Probe.RunAsync(new HealthCheckConfig { Type = HealthCheckType.Grpc, Host = "127.0.0.1", Port = server.Port });

        Assert.False(result.Passed);
        Assert.Equal($"gRPC answer from http://127.0.0.1:{server.Port}/ has no grpc-status", result.Message);
    }

    [Fact]
    public async Task Check_OverTlsTrustingTheSigningCa_Passes()
    {
        using var directory = new TempDirectory();
        using var certificates = TestCertificates.Create();
        await using var server = await TestWebServer.StartAsync(
            app => app.MapGrpcService<HealthServiceImpl>(),
            certificates.Server,
            services: services =>
            {
                services.AddGrpc();
                services.AddSingleton(_health);
            });
        var check = new HealthCheckConfig { Type = HealthCheckType.Grpc, Url = server.Url(), Service = "orders" };

        var untrusted = await Probe.RunAsync(check);
        var trusted = await Probe.RunAsync(check with { CaFile = certificates.WriteAuthorityPem(directory.File("ca.pem")) });

        Assert.StartsWith("TLS handshake failed", untrusted.Message, StringComparison.Ordinal);
        Assert.True(trusted.Passed, trusted.Message);
        Assert.Equal("service \"orders\" is SERVING", trusted.Message);
    }

    private HealthCheckConfig Grpc(string? service) =>
        new() { Type = HealthCheckType.Grpc, Host = "127.0.0.1", Port = _server.Port, Service = service };
}
