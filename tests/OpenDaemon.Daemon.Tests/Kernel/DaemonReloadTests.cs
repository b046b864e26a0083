using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Daemon.Tests.Kernel;

public sealed class DaemonReloadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Reload_ChangedFile_ReportsAddedRemovedChangedAndUnchangedApps()
    {
        using var home = new TemporaryHome();
        var config = Path.Combine(home.Path, "opendaemon.config.yaml");
        await File.WriteAllTextAsync(config, Apps(("a", "./a.js"), ("b", "./b.js"), ("c", "./c.js")));
        await using var host = await DaemonHost.StartAsync(home.HostOptions with { ConfigPath = config }, CancellationToken.None).WaitAsync(Timeout);
        await using var client = await OdClient.ConnectAsync(home.ClientOptions).WaitAsync(Timeout);
        await File.WriteAllTextAsync(config, Apps(("b", "./b.js"), ("c", "./c2.js"), ("d", "./d.js")));

        var result = await client.ReloadAsync().WaitAsync(Timeout);

        Assert.Equal(config, result.File);
        Assert.Equal(["d"], result.Added);
        Assert.Equal(["a"], result.Removed);
        Assert.Equal(["c"], result.Changed);
        Assert.Equal(["b"], result.Unchanged);
    }

    [Fact]
    public async Task Reload_InvalidFile_FailsWithItsPathAndKeepsTheRunningConfiguration()
    {
        using var home = new TemporaryHome();
        var config = Path.Combine(home.Path, "opendaemon.config.yaml");
        await File.WriteAllTextAsync(config, Apps(("a", "./a.js")));
        await using var host = await DaemonHost.StartAsync(home.HostOptions with { ConfigPath = config }, CancellationToken.None).WaitAsync(Timeout);
        await using var client = await OdClient.ConnectAsync(home.ClientOptions).WaitAsync(Timeout);
        await File.WriteAllTextAsync(config, "apps:\n  - name: a\n    script: ./a.js\n    instances: -3\n");

        var error = await Assert.ThrowsAsync<DaemonException>(() => client.ReloadAsync()).WaitAsync(Timeout);
        await File.WriteAllTextAsync(config, Apps(("a", "./a.js"), ("b", "./b.js")));
        var next = await client.ReloadAsync().WaitAsync(Timeout);

        Assert.Equal(ErrorCode.ConfigValidationError, error.Code);
        Assert.Contains("apps[0].instances", error.Message, StringComparison.Ordinal);
        Assert.Equal(["b"], next.Added);
        Assert.Equal(["a"], next.Unchanged);
    }

    [Fact]
    public async Task Reload_WithoutConfigFile_FailsWithConfigNotFoundAndHint()
    {
        using var home = new TemporaryHome();
        await using var host = await DaemonHost.StartAsync(home.HostOptions, CancellationToken.None).WaitAsync(Timeout);
        await using var client = await OdClient.ConnectAsync(home.ClientOptions).WaitAsync(Timeout);

        var error = await Assert.ThrowsAsync<DaemonException>(() => client.ReloadAsync()).WaitAsync(Timeout);

        Assert.Equal(ErrorCode.ConfigNotFound, error.Code);
        Assert.Contains("-c", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InvalidConfigFile_FailsWithValidationErrorAndLeavesNoLock()
    {
        using var home = new TemporaryHome();
        var config = Path.Combine(home.Path, "opendaemon.config.yaml");
        await File.WriteAllTextAsync(config, "apps:\n  - name: a\n    scirpt: ./a.js\n");

        var error = await Assert.ThrowsAsync<DaemonException>(() => DaemonHost.StartAsync(home.HostOptions with { ConfigPath = config }, CancellationToken.None)).WaitAsync(Timeout);
        await using var next = await DaemonHost.StartAsync(home.HostOptions, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(ErrorCode.ConfigValidationError, error.Code);
        Assert.Contains("apps[0]", error.Message, StringComparison.Ordinal);
    }

    private static string Apps(params (string Name, string Script)[] apps) =>
        "apps:\n" + string.Concat(apps.Select(app => $"  - name: {app.Name}\n    script: {app.Script}\n"));
}
