using OpenDaemon.Contracts.Environment;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Testing;

namespace OpenDaemon.Daemon.Tests.Startup;

/// <summary><c>daemon.socketGroup</c> at start: a clear config error for a bad group or place, the group's modes otherwise.</summary>
public sealed class SocketSecurityTests : IDisposable
{
    private readonly List<string> _socketDirectories = [];

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Start_UnknownSocketGroup_ConfigErrorNamingTheGroup()
    {
        using var home = new TemporaryHome();
        var config = await WriteConfigAsync(home, "no-such-group-od17");

        var error = await Assert.ThrowsAsync<DaemonException>(() =>
            DaemonHost.StartAsync(home.HostOptions with { ConfigPath = config, Environment = SeparateSocket(home) }, CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal(ErrorCode.ConfigValidationError, error.Code);
        Assert.Contains("no-such-group-od17", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SocketGroupWithSocketInsideHome_ConfigErrorPointingAtOdSocket()
    {
        using var home = new TemporaryHome();
        var config = await WriteConfigAsync(home, "1");

        var error = await Assert.ThrowsAsync<DaemonException>(() =>
            DaemonHost.StartAsync(home.HostOptions with { ConfigPath = config }, CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal(ErrorCode.ConfigValidationError, error.Code);
        Assert.Contains("OD_SOCKET", error.Hint, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Start_SocketGroup_SocketIs0660OwnedByTheGroup()
    {
        using var home = new TemporaryHome();
        var config = await WriteConfigAsync(home, "1");
        var environment = SeparateSocket(home);

        await using var host = await DaemonHost.StartAsync(home.HostOptions with { ConfigPath = config, Environment = environment }, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal("660 1", Stat(environment.SocketOverride!));
    }

    [Fact]
    public void ErrorCodes_OfTheSocket_MatchTheirWireNames()
    {
        // Hosting writes these names without referencing Contracts (IpcErrors): they must not drift.
        Assert.Equal("UNAUTHORIZED", ErrorCode.Unauthorized.ToWireName());
        Assert.Equal("RATE_LIMITED", ErrorCode.RateLimited.ToWireName());
    }

    public void Dispose()
    {
        foreach (var directory in _socketDirectories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private OdEnvironment SeparateSocket(TemporaryHome home)
    {
        _socketDirectories.Add(home.Path + "-sock");
        return home.Environment with { SocketOverride = Path.Combine(home.Path + "-sock", "d.sock") };
    }

    private static async Task<string> WriteConfigAsync(TemporaryHome home, string group)
    {
        var config = Path.Combine(home.Path, "opendaemon.config.yaml");
        await File.WriteAllTextAsync(config, $"daemon:\n  socketGroup: \"{group}\"\napps:\n  - name: a\n    script: ./a.js\n");
        return config;
    }

    private static string Stat(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%a %g", path]) { RedirectStandardOutput = true })!;
        var text = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return text;
    }
}
