using OpenDaemon.Kernel.Hooks;
using OpenDaemon.Kernel.Tests.Support;

namespace OpenDaemon.Kernel.Tests.Hooks;

public sealed class HookRegistryTests
{
    private const string BeforeStart = "process:beforeStart";

    [Fact]
    public async Task RunAsync_HandlerAddsEnvironment_ActionSeesItAndContinues()
    {
        await using var h = await StartAsync();

        var context = new HookContext(BeforeStart, "api");
        var outcome = await h.Host.Hooks.RunAsync(BeforeStart, context, CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Short);

        Assert.False(outcome.Vetoed);
        Assert.Equal("s3cr3t", context.Environment["DB_PASSWORD"]);
    }

    [Fact]
    public async Task RunAsync_HandlerVetoes_OutcomeNamesPluginAndReason()
    {
        await using var h = await StartAsync();

        var outcome = await h.Host.Hooks.RunAsync(BeforeStart, new HookContext(BeforeStart, "miner"), CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Short);

        Assert.True(outcome.Vetoed);
        Assert.Equal("policy", outcome.VetoedBy);
        Assert.Equal("miner is on the deny list", outcome.Reason);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_DoesNotVetoAndGoesToItsBoundary()
    {
        await using var h = new KernelHarness();
        var broken = h.Add(new TestPlugin("broken", h.Journal)
        {
            OnInstall = ctx =>
            {
                ctx.RegisterHook(BeforeStart, (_, _) => throw new InvalidOperationException("hook bug"));
                return default;
            },
        });
        await h.StartAsync();

        var outcome = await h.Host.Hooks.RunAsync(BeforeStart, new HookContext(BeforeStart, "api"), CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Short);

        Assert.False(outcome.Vetoed);
        Assert.Equal(["broken"], outcome.FailedHandlers);
        Assert.Contains("hook bug", Assert.Single(broken.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PluginDisabled_ItsHandlersNoLongerRun()
    {
        await using var h = await StartAsync();

        await h.Host.DisableAsync("policy", CancellationToken.None).WaitAsync(TestTimeouts.Short);
        var outcome = await h.Host.Hooks.RunAsync(BeforeStart, new HookContext(BeforeStart, "miner"), CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Short);

        Assert.False(outcome.Vetoed);
    }

    private static async Task<KernelHarness> StartAsync()
    {
        var h = new KernelHarness();
        h.Add(new TestPlugin("secrets", h.Journal)
        {
            Priority = 10,
            OnInstall = ctx =>
            {
                ctx.RegisterHook(BeforeStart, (hook, _) =>
                {
                    hook.Environment["DB_PASSWORD"] = "s3cr3t";
                    return ValueTask.FromResult(HookResult.Continue);
                });
                return default;
            },
        });
        h.Add(new TestPlugin("policy", h.Journal)
        {
            OnInstall = ctx =>
            {
                ctx.RegisterHook(BeforeStart, (hook, _) => ValueTask.FromResult(
                    hook.Subject == "miner" ? HookResult.Veto("miner is on the deny list") : HookResult.Continue));
                return default;
            },
        });
        await h.StartAsync();
        return h;
    }
}
