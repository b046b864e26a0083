using Microsoft.AspNetCore.Builder;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.Tests.HealthCheck.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.HealthCheck;

/// <summary>The https check against a server whose certificate a private CA signed: verified by default, skippable, trusted through caFile.</summary>
public sealed class HttpsProbeTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private TestWebServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestWebServer.StartAsync(app => app.MapGet("/health", () => "ok"), _certificates.Server);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificates.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Check_UntrustedCertificate_FailsVerification()
    {
        var result = await Probe.RunAsync(Https());

        Assert.False(result.Passed);
        Assert.StartsWith("TLS handshake failed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_VerifyCertificateFalse_Passes()
    {
        var result = await Probe.RunAsync(Https() with { VerifyCertificate = false });

        Assert.True(result.Passed, result.Message);
        Assert.Equal("HTTP 200", result.Message);
    }

    [Fact]
    public async Task Check_CaFileOfTheSigningCa_Passes()
    {
        var caFile = _certificates.WriteAuthorityPem(_directory.File("ca.pem"));

        var result = await Probe.RunAsync(Https() with { CaFile = caFile });

        Assert.True(result.Passed, result.Message);
    }

    [Fact]
    public async Task Check_CaFileOfAnotherCa_Fails()
    {
        using var other = TestCertificates.Create();
        var caFile = other.WriteAuthorityPem(_directory.File("other-ca.pem"));

        var result = await Probe.RunAsync(Https() with { CaFile = caFile });

        Assert.False(result.Passed);
        Assert.StartsWith("TLS handshake failed", result.Message, StringComparison.Ordinal);
    }

    private HealthCheckConfig Https() => new() { Type = HealthCheckType.Https, Url = _server.Url("/health") };
}
