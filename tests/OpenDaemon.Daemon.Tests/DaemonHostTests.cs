using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Lifecycle;
using OpenDaemon.Testing;

namespace OpenDaemon.Daemon.Tests;

public sealed class DaemonHostTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task StartAsync_ThenStatusOverIpc_ReportsThisProcessAndHealthySelfChecks()
    {
        using var home = new TemporaryHome();
        await using var host = await DaemonHost.StartAsync(home.HostOptions, CancellationToken.None).WaitAsync(Timeout);
        await using var client = await OdClient.ConnectAsync(home.ClientOptions).WaitAsync(Timeout);

        var status = await client.GetStatusAsync().WaitAsync(Timeout);

        Assert.Equal(Environment.ProcessId, status.Pid);
        Assert.Equal("running", status.State);
        Assert.Equal(host.Paths.SocketPath, status.Socket);
        Assert.StartsWith(home.Path, status.Socket, StringComparison.Ordinal);
        Assert.True(status.Healthy, string.Join(", ", status.Checks));
        Assert.Contains("ipc", status.Checks.Keys);
        Assert.Contains("home-writable", status.Checks.Keys);
        Assert.True(status.MemoryBytes > 0);
        Assert.True(status.Connections >= 1);
    }

    [Fact]
    public async Task StartAsync_WhileAnotherHostRunsOnTheSameHome_ThrowsDaemonAlreadyRunningWithPid()
    {
        using var home = new TemporaryHome();
        await using var first = await DaemonHost.StartAsync(home.HostOptions, CancellationToken.None).WaitAsync(Timeout);

        var error = await Assert.ThrowsAsync<DaemonException>(() => DaemonHost.StartAsync(home.HostOptions, CancellationToken.None)).WaitAsync(Timeout);

        Assert.Equal(ErrorCode.DaemonAlreadyRunning, error.Code);
        Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
        Assert.Equal(DaemonState.Running, first.State);
    }

    [Fact]
    public async Task ShutdownRpc_AnswersThenStopsAndRemovesSocketAndPidFile()
    {
        using var home = new TemporaryHome();
        await using var host = await DaemonHost.StartAsync(home.HostOptions, CancellationToken.None).WaitAsync(Timeout);
        await using var client = await OdClient.ConnectAsync(home.ClientOptions).WaitAsync(Timeout);

        var result = await client.ShutdownAsync().WaitAsync(Timeout);
        await host.Stopped.WaitAsync(Timeout);

        Assert.True(result.Accepted);
        Assert.Equal(DaemonState.Stopped, host.State);
        await Poll.UntilAsync(() => !File.Exists(host.Paths.SocketPath), "socket removed");
        Assert.False(File.Exists(host.Paths.PidPath));
    }

    [Fact]
    public async Task UnknownMethod_OverIpc_FailsWithMethodNotFound()
    {
        using var home = new TemporaryHome();
        await using var host = await DaemonHost.StartAsync(home.HostOptions, CancellationToken.None).WaitAsync(Timeout);
        await using var client = await OdClient.ConnectAsync(home.ClientOptions).WaitAsync(Timeout);

        var error = await Assert.ThrowsAsync<DaemonException>(
            () => client.InvokeAsync("no.such", OpenDaemon.Contracts.ContractsJsonContext.Default.PingResult)).WaitAsync(Timeout);

        Assert.Equal(ErrorCode.MethodNotFound, error.Code);
    }

    [Fact]
    public async Task StartAndStop_WriteTheDaemonLog()
    {
        using var home = new TemporaryHome();
        var host = await DaemonHost.StartAsync(home.HostOptions, CancellationToken.None).WaitAsync(Timeout);
        await host.StopAsync(CancellationToken.None).WaitAsync(Timeout);
        await host.DisposeAsync();

        var log = await File.ReadAllTextAsync(home.Environment.DaemonLogPath);

        Assert.Contains("daemon started", log, StringComparison.Ordinal);
        Assert.Contains(host.Paths.SocketPath, log, StringComparison.Ordinal);
        Assert.Contains("daemon stopped", log, StringComparison.Ordinal);
    }
}
