using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Plugins;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Rpc;

namespace OpenDaemon.Daemon.Plugins;

/// <summary><c>plugin.list|info|enable|disable</c>. Enable and disable are remembered across restarts.</summary>
internal static class PluginRpcMethods
{
    public static void Register(RpcMethodRegistry methods, PluginHost plugins, DisabledPluginsFile disabled)
    {
        methods.Register(
            RpcMethods.PluginList,
            (call, _) =>
            {
                RpcParameterReader.ReadNone(call);
                return ValueTask.FromResult(new PluginList([.. plugins.List().Select(PluginSummaries.From)]));
            },
            () => ContractsJsonContext.Default.PluginList);
        methods.Register(
            RpcMethods.PluginInfo,
            (call, _) => ValueTask.FromResult(PluginSummaries.From(plugins.Info(ReadName(call)))),
            () => ContractsJsonContext.Default.PluginSummary);
        methods.Register(
            RpcMethods.PluginEnable,
            async (call, cancellationToken) =>
            {
                var name = ReadName(call);
                await plugins.EnableAsync(name, cancellationToken).ConfigureAwait(false);
                await disabled.SaveAsync(plugins.DisabledPlugins, cancellationToken).ConfigureAwait(false);
                return PluginSummaries.From(plugins.Info(name));
            },
            () => ContractsJsonContext.Default.PluginSummary);
        methods.Register(
            RpcMethods.PluginDisable,
            async (call, cancellationToken) =>
            {
                var name = ReadName(call);
                await plugins.DisableAsync(name, cancellationToken).ConfigureAwait(false);
                await disabled.SaveAsync(plugins.DisabledPlugins, cancellationToken).ConfigureAwait(false);
                return PluginSummaries.From(plugins.Info(name));
            },
            () => ContractsJsonContext.Default.PluginSummary);
    }

    private static string ReadName(RpcCall call) =>
        RpcParameterReader.Read(call, ContractsJsonContext.Default.PluginNameParams, "{\"name\":\"logs\"}") is { Name.Length: > 0 } named
            ? named.Name
            : throw RpcParameterReader.Invalid(call, "name", "is empty", "see 'od plugin list' for names");
}
