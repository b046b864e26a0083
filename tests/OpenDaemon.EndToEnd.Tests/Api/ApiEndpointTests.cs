using System.Net;
using System.Text.Json;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests.Api;

/// <summary>Every REST endpoint of spec §8.1 through real HTTP against the real daemon.</summary>
public sealed class ApiEndpointTests(ApiDaemon api) : IClassFixture<ApiDaemon>
{
    [Fact]
    public async Task Health_NeedsNoToken_EverythingElseAnswers401()
    {
        using var health = await api.Http.GetAsync(new Uri(api.BaseUri, "/api/v1/health"));
        using var anonymous = await api.Http.GetAsync(new Uri(api.BaseUri, "/api/v1/processes"));
        var (wrong, body) = await api.SendAsync(api.Request(HttpMethod.Get, "/api/v1/processes", token: "od_not-the-token"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("UNAUTHORIZED", body.GetProperty("code").GetString());
        Assert.Contains("od api token", body.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAndInfo_KnownApp_AnswersTheTable_UnknownAppIs404()
    {
        var (list, table) = await api.SendAsync(api.Request(HttpMethod.Get, "/api/v1/processes"));
        var (info, detail) = await api.SendAsync(api.Request(HttpMethod.Get, "/api/v1/processes/sleeper"));
        var (missing, error) = await api.SendAsync(api.Request(HttpMethod.Get, "/api/v1/processes/no-such-app"));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(table.GetProperty("processes").EnumerateArray(), p => p.GetProperty("name").GetString() == "sleeper");
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal("sleeper", detail.GetProperty("processes")[0].GetProperty("summary").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("PROCESS_NOT_FOUND", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task StartRestartScaleStopDelete_OneAppThroughItsLife()
    {
        const string Name = "rest-made";
        var (created, started) = await api.SendAsync(api.Request(HttpMethod.Post, "/api/v1/processes", $$"""{"script":"/bin/sleep","name":"{{Name}}","args":["600"]}"""));
        Assert.True(created.StatusCode == HttpStatusCode.Created, started.ToString());
        Assert.Equal(Name, started.GetProperty("processes")[0].GetProperty("name").GetString());

        var (restarted, afterRestart) = await api.SendAsync(api.Request(HttpMethod.Put, $"/api/v1/processes/{Name}/restart"));
        Assert.Equal(HttpStatusCode.OK, restarted.StatusCode);
        Assert.Equal(1, afterRestart.GetProperty("processes")[0].GetProperty("restarts").GetInt32());

        var (scaled, afterScale) = await api.SendAsync(api.Request(HttpMethod.Put, $"/api/v1/processes/{Name}/scale", """{"instances":2}"""));
        Assert.True(scaled.StatusCode == HttpStatusCode.OK, afterScale.ToString());
        Assert.Equal(2, afterScale.GetProperty("processes").GetArrayLength());

        var (badScale, scaleError) = await api.SendAsync(api.Request(HttpMethod.Put, $"/api/v1/processes/{Name}/scale", """{"count":2}"""));
        Assert.Equal(HttpStatusCode.BadRequest, badScale.StatusCode);
        Assert.Equal("INVALID_PARAMS", scaleError.GetProperty("code").GetString());

        var (reloaded, _) = await api.SendAsync(api.Request(HttpMethod.Put, $"/api/v1/processes/{Name}/reload"));
        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);

        var (stopped, afterStop) = await api.SendAsync(api.Request(HttpMethod.Put, $"/api/v1/processes/{Name}/stop"));
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.All(afterStop.GetProperty("processes").EnumerateArray(), p => Assert.Equal("stopped", p.GetProperty("status").GetString()));

        var (deleted, _) = await api.SendAsync(api.Request(HttpMethod.Delete, $"/api/v1/processes/{Name}"));
        var (gone, _) = await api.SendAsync(api.Request(HttpMethod.Get, $"/api/v1/processes/{Name}"));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Start_BadBodies_Are400WithTheReason()
    {
        var (notJson, notJsonError) = await api.SendAsync(api.Request(HttpMethod.Post, "/api/v1/processes", "{not json"));
        var (noScript, noScriptError) = await api.SendAsync(api.Request(HttpMethod.Post, "/api/v1/processes", """{"name":"x"}"""));
        var (missingFile, missingFileError) = await api.SendAsync(api.Request(HttpMethod.Post, "/api/v1/processes", """{"script":"/nonexistent/app.js"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("not valid JSON", notJsonError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noScript.StatusCode);
        Assert.Contains("script", noScriptError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, missingFile.StatusCode);
        Assert.NotEqual(HttpStatusCode.Created, missingFile.StatusCode);
        Assert.True(missingFileError.TryGetProperty("code", out _), missingFileError.ToString());
    }

    [Fact]
    public async Task Logs_OfTheTalker_AreItsLines_BadLinesIs400()
    {
        JsonElement entries = default;
        await Poll.UntilAsync(async () =>
        {
            var (response, body) = await api.SendAsync(api.Request(HttpMethod.Get, "/api/v1/processes/talker/logs?lines=5"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            entries = body.GetProperty("entries");
            return entries.GetArrayLength() == 5;
        }, "the talker has printed 5 lines");
        var (bad, error) = await api.SendAsync(api.Request(HttpMethod.Get, "/api/v1/processes/talker/logs?lines=many"));

        Assert.All(entries.EnumerateArray(), entry => Assert.StartsWith("line ", entry.GetProperty("message").GetString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("lines", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_PerAppJsonAndPrometheusText()
    {
        await Poll.UntilAsync(async () =>
        {
            var (response, body) = await api.SendAsync(api.Request(HttpMethod.Get, "/api/v1/processes/sleeper/metrics"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return body.GetProperty("processes").GetArrayLength() == 1;
        }, "a metrics pass has seen the sleeper");
        var (history, historyBody) = await api.SendAsync(api.Request(HttpMethod.Get, "/api/v1/processes/sleeper/metrics?range=1m&step=1s"));
        using var prometheus = await api.Http.SendAsync(api.Request(HttpMethod.Get, "/api/v1/metrics"));
        var text = await prometheus.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.True(historyBody.TryGetProperty("processes", out _), historyBody.ToString());
        Assert.Equal("text/plain", prometheus.Content.Headers.ContentType?.MediaType);
        Assert.Contains("od_process_resident_memory_bytes{name=\"sleeper\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaemonStatusAndReload_Answer()
    {
        var (status, body) = await api.SendAsync(api.Request(HttpMethod.Get, "/api/v1/daemon/status"));
        var (reload, reloaded) = await api.SendAsync(api.Request(HttpMethod.Post, "/api/v1/daemon/reload"));

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(api.BaseUri.ToString().TrimEnd('/'), body.GetProperty("api").GetString());
        Assert.True(reload.StatusCode == HttpStatusCode.OK, reloaded.ToString());
    }

    [Fact]
    public async Task OpenApi_DescribesEveryEndpoint()
    {
        var (response, document) = await api.SendAsync(api.Request(HttpMethod.Get, "/api/v1/openapi.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3.0.3", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        foreach (var (method, path) in new[]
        {
            ("get", "/api/v1/processes"), ("post", "/api/v1/processes"), ("get", "/api/v1/processes/{name}"),
            ("put", "/api/v1/processes/{name}/restart"), ("put", "/api/v1/processes/{name}/stop"), ("put", "/api/v1/processes/{name}/reload"),
            ("delete", "/api/v1/processes/{name}"), ("put", "/api/v1/processes/{name}/scale"), ("get", "/api/v1/processes/{name}/logs"),
            ("get", "/api/v1/processes/{name}/metrics"), ("get", "/api/v1/metrics"), ("get", "/api/v1/daemon/status"),
            ("post", "/api/v1/daemon/reload"), ("get", "/api/v1/health"),
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"{method} {path} is not described");
        }
    }

    [Fact]
    public async Task UnknownPathIs404_WrongMethodIs405WithAllow()
    {
        var (unknown, _) = await api.SendAsync(api.Request(HttpMethod.Get, "/api/v1/nothing"));
        var (wrongMethod, _) = await api.SendAsync(api.Request(HttpMethod.Patch, "/api/v1/processes"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(["GET", "POST"], wrongMethod.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task Cors_ConfiguredOriginGetsHeaders_AnyOtherOriginIs403()
    {
        using var allowed = api.Request(HttpMethod.Get, "/api/v1/processes");
        allowed.Headers.Add("Origin", "https://ops.example.com");
        using var foreign = api.Request(HttpMethod.Get, "/api/v1/processes");
        foreign.Headers.Add("Origin", "https://evil.example.net");

        using var allowedResponse = await api.Http.SendAsync(allowed);
        using var foreignResponse = await api.Http.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.OK, allowedResponse.StatusCode);
        Assert.Equal("https://ops.example.com", allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.Forbidden, foreignResponse.StatusCode);
    }
}
