using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Kernel.Rpc;

namespace OpenDaemon.Daemon;

/// <summary>
/// The daemon's own RPC methods: ping, version, status, reload, shutdown. None takes parameters:
/// absent, null or an object are accepted, anything else is INVALID_PARAMS (before any side effect).
/// </summary>
internal static class DaemonRpcMethods
{
    public static void Register(RpcMethodRegistry methods, DaemonHost host)
    {
        methods.Register(
            RpcMethods.DaemonPing,
            (call, _) =>
            {
                RpcParameterReader.ReadNone(call);
                return ValueTask.FromResult(new PingResult(true, host.TimeProvider.GetUtcNow()));
            },
            () => ContractsJsonContext.Default.PingResult);
        methods.Register(
            RpcMethods.DaemonVersion,
            (call, _) =>
            {
                RpcParameterReader.ReadNone(call);
                return ValueTask.FromResult(new VersionInfo(
                    ProductInfo.Version,
                    System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                    System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                    ProductInfo.ProtocolVersion));
            },
            () => ContractsJsonContext.Default.VersionInfo);
        methods.Register(
            RpcMethods.DaemonStatus,
            async (call, cancellationToken) =>
            {
                RpcParameterReader.ReadNone(call);
                return await host.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            },
            () => ContractsJsonContext.Default.DaemonStatusInfo);
        methods.Register(
            RpcMethods.DaemonReload,
            async (call, cancellationToken) =>
            {
                RpcParameterReader.ReadNone(call);
                return await host.ReloadAsync(cancellationToken).ConfigureAwait(false);
            },
            () => ContractsJsonContext.Default.ConfigReloadResult);
        methods.Register(
            RpcMethods.DaemonShutdown,
            (call, _) =>
            {
                RpcParameterReader.ReadNone(call);
                host.RequestShutdown();
                return ValueTask.FromResult(new ShutdownResult(true, System.Environment.ProcessId));
            },
            () => ContractsJsonContext.Default.ShutdownResult);
    }
}
