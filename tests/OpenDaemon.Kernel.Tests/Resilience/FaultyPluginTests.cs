using System.Text.Json;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc;
using OpenDaemon.Kernel.Resilience;
using OpenDaemon.Kernel.Tests.Support;

namespace OpenDaemon.Kernel.Tests.Resilience;

/// <summary>A deliberately faulty plugin trips its own breaker; the daemon and other plugins keep answering.</summary>
public sealed class FaultyPluginTests
{
    private volatile bool _broken = true;
    private TestPlugin? _faulty;

    [Fact]
    public async Task FaultyPlugin_FailuresInMethodAndEventHandler_TripBreakerWhileOthersAnswer()
    {
        await using var h = await StartAsync();
        var faulty = _faulty!;

        // 3 failing RPC calls + 2 failing event deliveries = the default threshold of 5.
        for (int i = 0; i < 3; i++)
        {
            var failed = KernelHarness.ReadError(await h.CallAsync("faulty.boom"));
            Assert.Equal(ErrorCode.UnknownError, failed.Code);
            Assert.Contains("inside plugin faulty: kaboom", failed.Message, StringComparison.Ordinal);
        }

        h.Host.Events.Publish("process:crashed", JsonSerializer.SerializeToElement(1, TestJsonContext.Default.Int32));
        h.Host.Events.Publish("process:crashed", JsonSerializer.SerializeToElement(2, TestJsonContext.Default.Int32));
        for (int i = 0; i < 5; i++)
        {
            Assert.True(await faulty.ErrorSignal.WaitAsync(TestTimeouts.Short));
        }

        var info = h.Host.Info("faulty");
        Assert.Equal(CircuitState.Open, info.Breaker);
        Assert.Equal(5, info.FailureCount);
        var tripped = KernelHarness.ReadError(await h.CallAsync("faulty.boom"));
        Assert.Equal(ErrorCode.UnknownError, tripped.Code);
        Assert.StartsWith("plugin faulty is tripped after 5 failures; retrying at 2025-01-01 00:00:30Z", tripped.Message, StringComparison.Ordinal);
        Assert.Equal("od plugin info faulty", tripped.Hint);
        Assert.Null((await h.CallAsync("healthy.ping")).Error);
        Assert.Contains(faulty.Errors, e => e.Message.Contains("event handler", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrippedPlugin_AfterCoolDown_HalfOpenThenClosesOnSuccess()
    {
        await using var h = await StartAsync();
        await TripAsync(h);

        h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(CircuitState.Open, h.Host.Info("faulty").Breaker);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CircuitState.HalfOpen, h.Host.Info("faulty").Breaker);

        _broken = false;
        JsonRpcResponse trial = await h.CallAsync("faulty.boom");

        Assert.Null(trial.Error);
        Assert.Equal(CircuitState.Closed, h.Host.Info("faulty").Breaker);
        Assert.Null((await h.CallAsync("faulty.boom")).Error);
    }

    [Fact]
    public async Task TrippedPlugin_HalfOpenTrialFails_OpensAgainForAnotherCoolDown()
    {
        await using var h = await StartAsync();
        await TripAsync(h);
        h.Time.Advance(TimeSpan.FromSeconds(30));

        var trial = KernelHarness.ReadError(await h.CallAsync("faulty.boom"));

        Assert.Contains("kaboom", trial.Message, StringComparison.Ordinal);
        var info = h.Host.Info("faulty");
        Assert.Equal(CircuitState.Open, info.Breaker);
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromSeconds(30), info.BreakerRetryAt);
    }

    private async Task<KernelHarness> StartAsync()
    {
        var h = new KernelHarness();
        _faulty = h.Add(new TestPlugin("faulty", h.Journal)
        {
            OnInstall = ctx =>
            {
                ctx.RegisterMethod("faulty.boom", (_, _) => _broken
                    ? throw new InvalidOperationException("kaboom")
                    : ValueTask.FromResult(JsonRpcResult.From("ok", TestJsonContext.Default.String)));
                ctx.Events.Subscribe("process:*", (_, _) => throw new InvalidOperationException("handler kaboom"));
                return default;
            },
        });
        h.Add(new TestPlugin("healthy", h.Journal)
        {
            OnInstall = ctx =>
            {
                ctx.RegisterMethod("healthy.ping", (_, _) => ValueTask.FromResult(JsonRpcResult.From("pong", TestJsonContext.Default.String)));
                return default;
            },
        });
        await h.StartAsync();
        return h;
    }

    private static async Task TripAsync(KernelHarness h)
    {
        for (int i = 0; i < 5; i++)
        {
            await h.CallAsync("faulty.boom");
        }

        Assert.Equal(CircuitState.Open, h.Host.Info("faulty").Breaker);
    }
}
