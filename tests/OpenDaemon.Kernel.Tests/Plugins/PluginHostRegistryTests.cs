using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Tests.Support;

namespace OpenDaemon.Kernel.Tests.Plugins;

public sealed class PluginHostRegistryTests
{
    [Fact]
    public async Task StartAsync_DependenciesAndPriorities_StartsDependenciesFirstThenPriorityThenName()
    {
        await using var h = new KernelHarness();
        h.Add(new TestPlugin("web", h.Journal) { Priority = 100, Dependencies = ["db"] });
        h.Add(new TestPlugin("db", h.Journal) { Priority = -5 });
        h.Add(new TestPlugin("cache", h.Journal) { Priority = 50 });
        h.Add(new TestPlugin("beta", h.Journal) { Priority = 50 });
        h.Add(new TestPlugin("logs", h.Journal));

        await h.StartAsync();

        // beta/cache tie on priority → name; web outranks everything but must wait for db.
        string[] expected = ["beta", "cache", "logs", "db", "web"];
        Assert.Equal(expected, h.JournalOf("start"));
        Assert.Equal(expected, h.JournalOf("ready"));
        Assert.Equal(expected, h.Host.List().Select(p => p.Name));
    }

    [Fact]
    public async Task StartAsync_InstallAndStartPerPlugin_ThenReadyForAll()
    {
        await using var h = new KernelHarness();
        h.Add("a");
        h.Add(new TestPlugin("b", h.Journal) { Dependencies = ["a"] });

        await h.StartAsync();

        Assert.Equal(["a:install", "a:start", "b:install", "b:start", "a:ready", "b:ready"], h.Journal);
    }

    [Fact]
    public async Task StartAsync_DependencyCycle_RefusesNamingTheCycleAndStartsNothing()
    {
        await using var h = new KernelHarness();
        h.Add(new TestPlugin("a", h.Journal) { Dependencies = ["b"] });
        h.Add(new TestPlugin("b", h.Journal) { Dependencies = ["c"] });
        h.Add(new TestPlugin("c", h.Journal) { Dependencies = ["a"] });
        h.Add("independent");

        var error = await Assert.ThrowsAsync<DaemonException>(h.StartAsync);

        Assert.Equal(ErrorCode.PluginDependencyMissing, error.Code);
        Assert.Contains("a → b → c → a", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Journal);
    }

    [Fact]
    public async Task StartAsync_MissingDependency_RefusesWithDependencyMissing()
    {
        await using var h = new KernelHarness();
        h.Add(new TestPlugin("dashboard", h.Journal) { Dependencies = ["metrics"] });

        var error = await Assert.ThrowsAsync<DaemonException>(h.StartAsync);

        Assert.Equal(ErrorCode.PluginDependencyMissing, error.Code);
        Assert.Contains("dashboard depends on metrics", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public async Task StartAsync_ConflictingPluginsBothEnabled_RefusesWithConflict()
    {
        await using var h = new KernelHarness();
        h.Add(new TestPlugin("cron-a", h.Journal) { Conflicts = ["cron-b"] });
        h.Add("cron-b");

        var error = await Assert.ThrowsAsync<DaemonException>(h.StartAsync);

        Assert.Equal(ErrorCode.PluginConflict, error.Code);
        Assert.Contains("cron-a", error.Message, StringComparison.Ordinal);
        Assert.Contains("cron-b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ConflictingPluginDisabled_StartsTheOther()
    {
        await using var h = new KernelHarness(disabled: new HashSet<string> { "cron-b" });
        h.Add(new TestPlugin("cron-a", h.Journal) { Conflicts = ["cron-b"] });
        h.Add("cron-b");

        await h.StartAsync();

        Assert.Equal(["cron-a"], h.JournalOf("start"));
        Assert.Equal(Kernel.Plugins.PluginState.Disabled, h.Host.Info("cron-b").State);
    }

    [Fact]
    public async Task Register_SameNameTwice_RefusedWithAlreadyRegistered()
    {
        await using var h = new KernelHarness();
        h.Add("logs");

        var error = Assert.Throws<DaemonException>(() => h.Add("logs"));

        Assert.Equal(ErrorCode.PluginAlreadyRegistered, error.Code);
        Assert.Contains("logs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_UnknownPlugin_PluginNotFoundWithHint()
    {
        await using var h = new KernelHarness();
        h.Add("logs");

        var error = Assert.Throws<DaemonException>(() => h.Host.Info("nope"));

        Assert.Equal(ErrorCode.PluginNotFound, error.Code);
        Assert.Contains("od plugin list", error.Hint, StringComparison.Ordinal);
    }
}
