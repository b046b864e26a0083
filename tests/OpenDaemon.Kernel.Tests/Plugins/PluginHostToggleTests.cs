using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Tests.Support;

namespace OpenDaemon.Kernel.Tests.Plugins;

public sealed class PluginHostToggleTests
{
    [Fact]
    public async Task DisableAsync_RunningPlugin_StopsItAndItsMethodsAnswerDisabled()
    {
        await using var h = new KernelHarness();
        AddPinger(h, "metrics");
        await h.StartAsync();

        await h.Host.DisableAsync("metrics", CancellationToken.None).WaitAsync(TestTimeouts.Short);

        Assert.Equal(["metrics"], h.JournalOf("stop"));
        Assert.Equal(PluginState.Disabled, h.Host.Info("metrics").State);
        var error = KernelHarness.ReadError(await h.CallAsync("metrics.ping"));
        Assert.Equal("plugin metrics is disabled", error.Message);
        Assert.Equal("od plugin enable metrics", error.Hint);
        Assert.Contains("metrics", h.Host.DisabledPlugins);
    }

    [Fact]
    public async Task EnableAsync_DisabledPlugin_InstallsAndStartsAgainAndAnswers()
    {
        await using var h = new KernelHarness();
        AddPinger(h, "metrics");
        await h.StartAsync();
        await h.Host.DisableAsync("metrics", CancellationToken.None).WaitAsync(TestTimeouts.Short);

        await h.Host.EnableAsync("metrics", CancellationToken.None).WaitAsync(TestTimeouts.Short);

        Assert.Equal(PluginState.Running, h.Host.Info("metrics").State);
        Assert.Equal(["metrics", "metrics"], h.JournalOf("start"));
        var response = await h.CallAsync("metrics.ping");
        Assert.Null(response.Error);
        Assert.Equal("pong", response.Result!.Value.GetString());
    }

    [Fact]
    public async Task EnableAsync_DisabledAtStartup_StartsIt()
    {
        await using var h = new KernelHarness(disabled: new HashSet<string> { "metrics" });
        AddPinger(h, "metrics");
        await h.StartAsync();
        Assert.Empty(h.Journal);

        await h.Host.EnableAsync("metrics", CancellationToken.None).WaitAsync(TestTimeouts.Short);

        Assert.Null((await h.CallAsync("metrics.ping")).Error);
    }

    [Fact]
    public async Task DisableAsync_RunningDependents_RefusedNamingThem()
    {
        await using var h = new KernelHarness();
        h.Add("process");
        h.Add(new TestPlugin("logs", h.Journal) { Dependencies = ["process"] });
        h.Add(new TestPlugin("metrics", h.Journal) { Dependencies = ["process"] });
        await h.StartAsync();

        var error = await Assert.ThrowsAsync<DaemonException>(() => h.Host.DisableAsync("process", CancellationToken.None).WaitAsync(TestTimeouts.Short));

        Assert.Equal(ErrorCode.PluginConflict, error.Code);
        Assert.Contains("logs, metrics", error.Message, StringComparison.Ordinal);
        Assert.Equal(PluginState.Running, h.Host.Info("process").State);
    }

    [Fact]
    public async Task DisabledAtStartup_DependentNotStartedWithReason()
    {
        await using var h = new KernelHarness(disabled: new HashSet<string> { "process" });
        h.Add("process");
        h.Add(new TestPlugin("logs", h.Journal) { Dependencies = ["process"] });

        await h.StartAsync();

        var logs = h.Host.Info("logs");
        Assert.Equal(PluginState.Failed, logs.State);
        Assert.Equal("od plugin enable process", logs.LastError!.Hint);
    }

    private static void AddPinger(KernelHarness h, string name) => h.Add(new TestPlugin(name, h.Journal)
    {
        OnInstall = ctx =>
        {
            ctx.RegisterMethod($"{name}.ping", (_, _) => ValueTask.FromResult(JsonRpcResult.From("pong", TestJsonContext.Default.String)));
            return default;
        },
    });
}
