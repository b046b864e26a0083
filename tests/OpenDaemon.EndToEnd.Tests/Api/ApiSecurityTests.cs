using System.Net;
using System.Net.WebSockets;
using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests.Api;

/// <summary>Rate limits (429), token rotation and the WebSocket's authentication, each on a daemon of its own.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ApiSecurityTests
{
    [Fact]
    public async Task RateLimit_ClientOverItsBucket_Gets429WithRetryAfter()
    {
        await using var od = new OdSandbox();
        var config = Path.Combine(od.Home, "api.yaml");
        File.WriteAllText(config, ApiDaemon.ApiConfig("  rateLimit: { perSecond: 1, burst: 3 }"));
        await ApiDaemon.StartAsync(od, config);
        var (baseUri, token) = await ApiDaemon.EndpointAsync(od);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        // 3 at once and then 1 per second: 30 requests in a row cannot all pass unless they take 27 s.
        HttpResponseMessage? limited = null;
        for (int i = 0; i < 30 && limited is null; i++)
        {
            var response = await http.GetAsync(new Uri(baseUri, "/api/v1/processes"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Contains("RATE_LIMITED", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        limited.Dispose();
    }

    [Fact]
    public async Task TokenRotation_OldTokenIs401_NewOneWorks_FileIsPrivate()
    {
        await using var od = new OdSandbox();
        var config = Path.Combine(od.Home, "api.yaml");
        File.WriteAllText(config, ApiDaemon.ApiConfig(string.Empty));
        await ApiDaemon.StartAsync(od, config);
        var (baseUri, oldToken) = await ApiDaemon.EndpointAsync(od);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        var rotate = await od.RunAsync("api", "token", "--rotate", "--json");

        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(rotate.StandardOutput);
        var newToken = json.RootElement.GetProperty("token").GetString()!;
        Assert.NotEqual(oldToken, newToken);
        Assert.True(json.RootElement.GetProperty("rotated").GetBoolean());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(od.Home, "auth-token")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, baseUri, oldToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, baseUri, newToken));
    }

    [Fact]
    public async Task WebSocket_WithoutToken_IsRefusedWith401()
    {
        await using var od = new OdSandbox();
        var config = Path.Combine(od.Home, "api.yaml");
        File.WriteAllText(config, ApiDaemon.ApiConfig(string.Empty));
        await ApiDaemon.StartAsync(od, config);
        var (baseUri, _) = await ApiDaemon.EndpointAsync(od);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://{baseUri.Authority}/ws"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Tls_WithAPemCertificate_ServesHttps()
    {
        await using var od = new OdSandbox();
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(od.Home, "api.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(od.Home, "api.key"), key.ExportPkcs8PrivateKeyPem());
        var config = Path.Combine(od.Home, "api.yaml");
        File.WriteAllText(config, ApiDaemon.ApiConfig("  tls: { cert: api.crt, key: api.key }"));
        await ApiDaemon.StartAsync(od, config);
        var (baseUri, token) = await ApiDaemon.EndpointAsync(od);
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };

        Assert.Equal("https", baseUri.Scheme);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, baseUri, token));
    }

    [Fact]
    public async Task Tls_UnreadableCertificate_FailsTheStartWithTheReason()
    {
        await using var od = new OdSandbox();
        var config = Path.Combine(od.Home, "api.yaml");
        File.WriteAllText(config, ApiDaemon.ApiConfig("  tls: { cert: missing.crt }"));

        var start = await od.RunAsync("daemon", "start", "--config", config);

        Assert.NotEqual(0, start.ExitCode);
        Assert.Contains("CONFIG_INVALID", start.StandardError, StringComparison.Ordinal);
        Assert.Contains("missing.crt", start.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", start.StandardError, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, Uri baseUri, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "/api/v1/processes"));
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
