using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Rpc;

namespace OpenDaemon.Plugins.Tests;

public sealed class BuiltInPluginsTests
{
    [Fact]
    public void Create_PluginNames_AreTheNamesConfigValidatesAgainst()
    {
        var names = BuiltInPlugins.Create(new OpenDaemon.Plugins.ProcessManager.ProcessManagerSettings
        {
            LogDirectory = "/nonexistent/logs",
            DumpPath = "/nonexistent/dump.json",
            NotifyDirectory = "/nonexistent/n",
            ReapOrphans = false,
        }).Select(plugin => plugin.Name);

        // od validate checks plugins.<name> offline against this list: add a new plugin to both.
        Assert.Equal(names.Order(StringComparer.Ordinal), OpenDaemon.Contracts.Plugins.BuiltInPluginNames.All.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Create_EveryBuiltInPlugin_RegistersAndStartsTogetherInOneKernel()
    {
        var state = Directory.CreateTempSubdirectory("od-plugins-").FullName;
        try
        {
            await using var host = new PluginHost(new PluginHostOptions
            {
                StateDirectory = state,
                Methods = new RpcMethodRegistry(NullLogger.Instance),
            });
            var plugins = BuiltInPlugins.Create(new OpenDaemon.Plugins.ProcessManager.ProcessManagerSettings
            {
                LogDirectory = Path.Combine(state, "logs"),
                DumpPath = Path.Combine(state, "dump.json"),
                NotifyDirectory = Path.Combine(state, "n"),
                ReapOrphans = false,
            });
            foreach (var plugin in plugins)
            {
                host.Register(plugin);
            }

            await host.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(plugins.Count, plugins.Select(plugin => plugin.Name).Distinct(StringComparer.Ordinal).Count());
            Assert.All(host.List(), plugin => Assert.Equal(PluginState.Running, plugin.State));
            await host.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
