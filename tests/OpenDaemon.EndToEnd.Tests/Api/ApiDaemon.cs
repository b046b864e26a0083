using System.Net.Http.Headers;
using System.Text.Json;
using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests.Api;

/// <summary>
/// A daemon with the API on a free port (<c>127.0.0.1:0</c>, read back from <c>od daemon status</c>), a
/// sleeper and a talker that prints a line every 100 ms, and an authenticated HttpClient.
/// </summary>
public sealed class ApiDaemon : IAsyncLifetime
{
    internal OdSandbox Od { get; } = new();

    public Uri BaseUri { get; private set; } = null!;

    public string Token { get; private set; } = string.Empty;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        var config = Path.Combine(Od.Home, "api.yaml");
        File.WriteAllText(config, ApiConfig("  cors: { origins: [\"https://ops.example.com\"] }"));
        await StartAsync(Od, config);
        (BaseUri, Token) = await EndpointAsync(Od);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Od.DisposeAsync();
    }

    /// <summary>A request with the bearer token.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string? json = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            var response = await Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            using var document = JsonDocument.Parse(text.Length == 0 || !text.TrimStart().StartsWith('{') ? "null" : text);
            return (response, document.RootElement.Clone());
        }
    }

    /// <summary>The apps every API daemon runs, plus <paramref name="apiLine"/> (one line, indented two spaces) under <c>api:</c>.</summary>
    public static string ApiConfig(string apiLine) => $$"""
        apps:
          - name: sleeper
            script: /bin/sleep
            args: ["600"]
          - name: talker
            script: /bin/sh
            args: ["-c", "i=0; while true; do i=$((i+1)); echo line $i; sleep 0.1; done"]
        plugins:
          metrics-collector:
            interval: 1s
        api:
          listen: 127.0.0.1:0
        {{apiLine}}
        """;

    internal static async Task StartAsync(OdSandbox od, string config)
    {
        var start = await od.RunAsync("daemon", "start", "--config", config);
        Assert.True(start.ExitCode == 0, start.ToString());
    }

    internal static async Task<(Uri BaseUri, string Token)> EndpointAsync(OdSandbox od)
    {
        var status = await od.RunAsync("daemon", "status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        using var document = JsonDocument.Parse(status.StandardOutput);
        var api = document.RootElement.GetProperty("api").GetString()!;
        var token = await od.RunAsync("api", "token");
        Assert.True(token.ExitCode == 0, token.ToString());
        return (new Uri(api), token.StandardOutput.Trim());
    }
}
