using OpenDaemon.Config.Model;
using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Mapping;

/// <summary>The socket's security fields of the <c>daemon</c> section: group, auth and rate limit, with their defaults.</summary>
public sealed class DaemonSocketMappingTests
{
    [Fact]
    public async Task LoadAsync_AllSocketFields_Mapped()
    {
        var daemon = await LoadDaemonAsync("socketGroup: opendaemon\n  socketAuth: token\n  socketRateLimit: { perSecond: 20, burst: 40 }");

        Assert.Equal(("opendaemon", true, 20, 40), (daemon.SocketGroup, daemon.SocketTokenRequired, daemon.SocketRequestsPerSecond, daemon.SocketBurst));
    }

    [Fact]
    public async Task LoadAsync_NumericGroup_KeptAsText()
    {
        var daemon = await LoadDaemonAsync("socketGroup: 1001");

        Assert.Equal("1001", daemon.SocketGroup);
    }

    [Fact]
    public async Task LoadAsync_NoSocketFields_OwnerOnlyNoTokenGenerousLimit()
    {
        var daemon = await LoadDaemonAsync("logLevel: info");

        Assert.Equal((null, false, 500, 1000), (daemon.SocketGroup, daemon.SocketTokenRequired, daemon.SocketRequestsPerSecond, daemon.SocketBurst));
    }

    [Fact]
    public async Task LoadAsync_UnknownSocketAuth_IsAProblemNamingTheChoices()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", "daemon:\n  socketAuth: password\napps:\n  - name: a\n    script: a.js\n");

        var result = await TestConfig.LoadAsync(file);

        Assert.Contains(result.Problems, p => p.Path.Contains("socketAuth", StringComparison.Ordinal) && p.Message.Contains("none, token", StringComparison.Ordinal));
    }

    private static async Task<DaemonSettings> LoadDaemonAsync(string fields)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", $"daemon:\n  {fields}\napps:\n  - name: a\n    script: a.js\n");
        return TestConfig.AssertValid(await TestConfig.LoadAsync(file)).Daemon;
    }
}
