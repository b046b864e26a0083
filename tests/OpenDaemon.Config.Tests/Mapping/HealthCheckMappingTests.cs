using OpenDaemon.Config.Model;
using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Mapping;

/// <summary>The health-check fields that take more than one shape: status ranges and lists, "/regex/flags" bodies, caFile paths.</summary>
public sealed class HealthCheckMappingTests
{
    [Fact]
    public async Task LoadAsync_ExpectedStatusRangeAndList_ExpandToTheAcceptedCodes()
    {
        var check = await LoadCheckAsync("{ type: http, url: 'http://localhost/h', expectedStatus: ['200-204', 301, '404'] }");

        Assert.Equal([200, 201, 202, 203, 204, 301, 404], check.ExpectedStatus);
    }

    [Fact]
    public async Task LoadAsync_ExpectedStatusSingleRange_IsAccepted()
    {
        var check = await LoadCheckAsync("{ type: http, url: 'http://localhost/h', expectedStatus: '200-299' }");

        Assert.Equal(100, check.ExpectedStatus.Count);
        Assert.Equal(299, check.ExpectedStatus[^1]);
    }

    [Fact]
    public async Task LoadAsync_SlashDelimitedBody_IsARegexWithFlags()
    {
        var check = await LoadCheckAsync("{ type: http, url: 'http://localhost/h', expectedBody: '/^status: (ok|degraded)$/im' }");

        Assert.Equal(new BodyMatch { Text = "^status: (ok|degraded)$", IsRegex = true, IgnoreCase = true, Multiline = true }, check.ExpectedBody);
    }

    [Fact]
    public async Task LoadAsync_PathLikeBody_StaysASubstring()
    {
        var check = await LoadCheckAsync("{ type: http, url: 'http://localhost/h', expectedBody: '/api/v1' }");

        Assert.Equal(new BodyMatch { Text = "/api/v1" }, check.ExpectedBody);
    }

    [Fact]
    public async Task LoadAsync_RelativeCaFile_IsResolvedAgainstTheAppCwd()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "app"));
        dir.Write("app/ca.pem", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        var file = dir.Write("opendaemon.config.yaml", "apps:\n  - name: a\n    script: a.js\n    cwd: app\n    healthCheck: { type: https, url: 'https://localhost/h', caFile: ca.pem }\n");

        var config = TestConfig.AssertValid(await TestConfig.LoadAsync(file));

        Assert.Equal(Path.Combine(dir.Path, "app", "ca.pem"), config.Apps[0].HealthCheck!.CaFile);
    }

    private static async Task<HealthCheckConfig> LoadCheckAsync(string healthCheck)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", $"apps:\n  - name: a\n    script: a.js\n    healthCheck: {healthCheck}\n");
        return TestConfig.AssertValid(await TestConfig.LoadAsync(file)).Apps[0].HealthCheck!;
    }
}
