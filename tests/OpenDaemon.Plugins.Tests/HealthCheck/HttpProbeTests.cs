using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.Tests.HealthCheck.Support;

namespace OpenDaemon.Plugins.Tests.HealthCheck;

/// <summary>The http check against a real Kestrel server: status, body (substring and regex), headers, method, timeout.</summary>
public sealed class HttpProbeTests : IAsyncLifetime
{
    private TestWebServer _server = null!;

    public async Task InitializeAsync() => _server = await TestWebServer.StartAsync(app =>
    {
        app.MapGet("/ok", () => "status: OK\nversion 1.2");
        app.MapGet("/down", () => Results.StatusCode(503));
        app.MapGet("/created", () => Results.StatusCode(201));
        app.MapGet("/secret", (HttpRequest request) => request.Headers["X-Token"] == "s3cret" ? Results.Ok("ok") : Results.StatusCode(401));
        app.MapPost("/post-only", () => "posted");
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Check_200_Passes()
    {
        var result = await Probe.RunAsync(Http("/ok"));

        Assert.True(result.Passed, result.Message);
        Assert.Equal("HTTP 200", result.Message);
    }

    [Fact]
    public async Task Check_503_FailsNamingTheStatus()
    {
        var result = await Probe.RunAsync(Http("/down"));

        Assert.False(result.Passed);
        Assert.Equal("HTTP 503, expected 2xx", result.Message);
    }

    [Fact]
    public async Task Check_ExpectedStatusListOrRange_AcceptsOnlyThoseCodes()
    {
        var inList = await Probe.RunAsync(Http("/down") with { ExpectedStatus = [200, 503] });
        var outOfRange = await Probe.RunAsync(Http("/created") with { ExpectedStatus = [.. Enumerable.Range(200, 1)] });

        Assert.True(inList.Passed, inList.Message);
        Assert.False(outOfRange.Passed);
        Assert.Equal("HTTP 201, expected 200", outOfRange.Message);
    }

    [Fact]
    public async Task Check_BodySubstring_PassesWhenPresentAndFailsWhenAbsent()
    {
        var present = await Probe.RunAsync(Http("/ok") with { ExpectedBody = new BodyMatch { Text = "status: OK" } });
        var absent = await Probe.RunAsync(Http("/ok") with { ExpectedBody = new BodyMatch { Text = "status: DEGRADED" } });

        Assert.True(present.Passed, present.Message);
        Assert.False(absent.Passed);
        Assert.Equal("HTTP 200, but the body does not contain \"status: DEGRADED\"", absent.Message);
    }

    [Fact]
    public async Task Check_BodyRegex_MatchesWithFlags()
    {
        var matches = await Probe.RunAsync(Http("/ok") with { ExpectedBody = new BodyMatch { Text = @"^version \d+\.\d+$", IsRegex = true, Multiline = true } });
        var ignoringCase = await Probe.RunAsync(Http("/ok") with { ExpectedBody = new BodyMatch { Text = "STATUS: ok", IsRegex = true, IgnoreCase = true } });
        var noMatch = await Probe.RunAsync(Http("/ok") with { ExpectedBody = new BodyMatch { Text = @"^version 2", IsRegex = true, Multiline = true } });

        Assert.True(matches.Passed, matches.Message);
        Assert.True(ignoringCase.Passed, ignoringCase.Message);
        Assert.False(noMatch.Passed);
        Assert.Equal("HTTP 200, but the body does not match /^version 2/m", noMatch.Message);
    }

    [Fact]
    public async Task Check_Headers_AreSent()
    {
        var withToken = await Probe.RunAsync(Http("/secret") with { Headers = new Dictionary<string, string> { ["X-Token"] = "s3cret" } });
        var without = await Probe.RunAsync(Http("/secret"));

        Assert.True(withToken.Passed, withToken.Message);
        Assert.False(without.Passed);
        Assert.Equal("HTTP 401, expected 2xx", without.Message);
    }

    [Fact]
    public async Task Check_Method_IsUsed()
    {
        var post = await Probe.RunAsync(Http("/post-only") with { Method = "POST" });
        var get = await Probe.RunAsync(Http("/post-only"));

        Assert.True(post.Passed, post.Message);
        Assert.False(get.Passed);
        Assert.Equal("HTTP 405, expected 2xx", get.Message);
    }

    [Fact]
    public async Task Check_NothingListening_FailsWithConnectionRefused()
    {
        var result = await Probe.RunAsync(new HealthCheckConfig { Type = HealthCheckType.Http, Url = $"http://127.0.0.1:{Ports.Closed()}/health" });

        Assert.False(result.Passed);
        Assert.Contains("connection refused", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ServerAcceptsButNeverAnswers_FailsAtTheTimeout()
    {
        using var silent = new SilentServer();
        var check = new HealthCheckConfig { Type = HealthCheckType.Http, Url = $"http://127.0.0.1:{silent.Port}/health", Timeout = TimeSpan.FromMilliseconds(300) };

        var result = await Probe.RunAsync(check);

        Assert.False(result.Passed);
        Assert.Equal("timed out after 0.3s", result.Message);
        Assert.Equal(1, silent.Accepted);
    }

    private HealthCheckConfig Http(string path) => new() { Type = HealthCheckType.Http, Url = _server.Url(path) };
}
