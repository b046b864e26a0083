using System.Text.Json;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Resilience;

namespace OpenDaemon.Daemon.Tests.Kernel;

public sealed class DaemonPluginTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<bool> BoolType =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<bool>)JsonSerializerOptions.Default.GetTypeInfo(typeof(bool));

    [Fact]
    public async Task FaultyPlugin_AfterRepeatedFailures_IsTrippedWhileTheDaemonKeepsAnswering()
    {
        using var home = new TemporaryHome();
        var options = home.HostOptions with { ExtraPlugins = [new FaultyPlugin()], Breaker = new CircuitBreakerOptions { FailureThreshold = 3 } };
        await using var host = await DaemonHost.StartAsync(options, CancellationToken.None).WaitAsync(Timeout);
        await using var client = await OdClient.ConnectAsync(home.ClientOptions).WaitAsync(Timeout);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var failure = await Assert.ThrowsAsync<DaemonException>(() => client.InvokeAsync(FaultyPlugin.BoomMethod, BoolType)).WaitAsync(Timeout);
            Assert.Contains("boom", failure.Message, StringComparison.Ordinal);
        }

        var tripped = await Assert.ThrowsAsync<DaemonException>(() => client.InvokeAsync(FaultyPlugin.FineMethod, BoolType)).WaitAsync(Timeout);
        var info = await client.GetPluginAsync("faulty").WaitAsync(Timeout);
        var ping = await client.PingAsync().WaitAsync(Timeout);

        Assert.Contains("tripped", tripped.Message, StringComparison.Ordinal);
        Assert.Equal("open", info.Breaker);
        Assert.Equal(3, info.Failures);
        Assert.Contains("boom", info.LastError, StringComparison.Ordinal);
        Assert.True(ping.Pong);
    }

    [Fact]
    public async Task DisabledPlugin_StaysDisabledAfterADaemonRestart_UntilEnabled()
    {
        using var home = new TemporaryHome();
        var options = home.HostOptions with { ExtraPlugins = [new FaultyPlugin()] };
        await using (var first = await DaemonHost.StartAsync(options, CancellationToken.None).WaitAsync(Timeout))
        await using (var client = await OdClient.ConnectAsync(home.ClientOptions).WaitAsync(Timeout))
        {
            var disabled = await client.DisablePluginAsync("faulty").WaitAsync(Timeout);
            var refused = await Assert.ThrowsAsync<DaemonException>(() => client.InvokeAsync(FaultyPlugin.FineMethod, BoolType)).WaitAsync(Timeout);
            Assert.Equal("disabled", disabled.State);
            Assert.Contains("disabled", refused.Message, StringComparison.Ordinal);
        }

        await using var second = await DaemonHost.StartAsync(home.HostOptions with { ExtraPlugins = [new FaultyPlugin()] }, CancellationToken.None).WaitAsync(Timeout);
        await using var again = await OdClient.ConnectAsync(home.ClientOptions).WaitAsync(Timeout);

        Assert.Equal("disabled", (await again.GetPluginAsync("faulty").WaitAsync(Timeout)).State);
        Assert.Equal("running", (await again.EnablePluginAsync("faulty").WaitAsync(Timeout)).State);
        Assert.True(await again.InvokeAsync(FaultyPlugin.FineMethod, BoolType).WaitAsync(Timeout));
    }

    [Fact]
    public async Task PluginInfo_UnknownName_FailsWithPluginNotFound()
    {
        using var home = new TemporaryHome();
        await using var host = await DaemonHost.StartAsync(home.HostOptions, CancellationToken.None).WaitAsync(Timeout);
        await using var client = await OdClient.ConnectAsync(home.ClientOptions).WaitAsync(Timeout);

        var error = await Assert.ThrowsAsync<DaemonException>(() => client.GetPluginAsync("nope")).WaitAsync(Timeout);

        Assert.Equal(ErrorCode.PluginNotFound, error.Code);
    }
}
