using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Kernel.Rpc;

namespace OpenDaemon.Daemon;

/// <summary>The daemon's own RPC methods: ping, version, status, reload, shutdown.</summary>
internal static class DaemonRpcMethods
{
    public static void Register(RpcMethodRegistry methods, DaemonHost host)
    {
        methods.Register(
            RpcMethods.DaemonPing,
            (_, _) => ValueTask.FromResult(new PingResult(true, host.TimeProvider.GetUtcNow())),
            ContractsJsonContext.Default.PingResult);
        methods.Register(
            RpcMethods.DaemonVersion,
            (_, _) => ValueTask.FromResult(DaemonHost.GetVersion()),
            ContractsJsonContext.Default.VersionInfo);
        methods.Register(
            RpcMethods.DaemonStatus,
            async (_, cancellationToken) => await host.GetStatusAsync(cancellationToken).ConfigureAwait(false),
            ContractsJsonContext.Default.DaemonStatusInfo);
        methods.Register(
            RpcMethods.DaemonReload,
            async (_, cancellationToken) => await host.ReloadAsync(cancellationToken).ConfigureAwait(false),
            ContractsJsonContext.Default.ConfigReloadResult);
        methods.Register(
            RpcMethods.DaemonShutdown,
            (_, _) =>
            {
                host.RequestShutdown();
                return ValueTask.FromResult(new ShutdownResult(true, System.Environment.ProcessId));
            },
            ContractsJsonContext.Default.ShutdownResult);
    }
}
