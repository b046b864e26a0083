using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Plugins.Shared;

namespace OpenDaemon.Plugins.ProcessManager.Rpc;

/// <summary>The <c>process.*</c> methods of spec §5.4 that the process manager answers.</summary>
internal static class ProcessRpcMethods
{
    private const string TargetsShape = "{\"targets\":[\"name\"|\"id\"|\"all\", ...]}";

    public static void Register(IPluginContext context, ProcessManager manager)
    {
        var json = ContractsJsonContext.Default;
        RpcParameters.Register(context, RpcMethods.ProcessStart, () => json.ProcessList, (call, ct) =>
            manager.StartAsync(RpcParameters.Read(call, json.ProcessStartParams, "{\"target\":\"app.js\",\"workingDirectory\":\"/srv/app\", ...}"), ct));
        RpcParameters.Register(context, RpcMethods.ProcessStop, () => json.ProcessList, (call, ct) => manager.StopAsync(Targets(call), ct));
        RpcParameters.Register(context, RpcMethods.ProcessRestart, () => json.ProcessList, (call, ct) =>
        {
            var parameters = RpcParameters.Read(call, json.ProcessTargetParams, TargetsShape);
            return manager.RestartAsync(parameters.Targets, parameters.UpdateEnv, ct);
        });
        RpcParameters.Register(context, RpcMethods.ProcessReload, () => json.ProcessList, (call, ct) =>
        {
            var parameters = RpcParameters.Read(call, json.ProcessTargetParams, TargetsShape);
            return manager.ReloadAsync(parameters.Targets, parameters.UpdateEnv, ct);
        });
        RpcParameters.Register(context, RpcMethods.ProcessScale, () => json.ProcessList, (call, ct) =>
            manager.ScaleAsync(RpcParameters.Read(call, json.ProcessScaleParams, "{\"target\":\"api\",\"instances\":\"3\"|\"+1\"|\"-1\"}"), ct));
        RpcParameters.Register(context, RpcMethods.ProcessDelete, () => json.ProcessList, (call, ct) => manager.DeleteAsync(Targets(call), ct));
        RpcParameters.Register(context, RpcMethods.ProcessList, () => json.ProcessList, (call, _) =>
        {
            RpcParameterReader.ReadNone(call);
            return Task.FromResult(manager.List());
        });
        RpcParameters.Register(context, RpcMethods.ProcessGraph, () => json.DependencyGraphInfo, (call, _) =>
        {
            RpcParameterReader.ReadNone(call);
            return Task.FromResult(manager.Graph());
        });
        RpcParameters.Register(context, RpcMethods.ProcessInfo, () => json.ProcessDetailList, (call, _) => Task.FromResult(manager.Info(Targets(call))));
        RpcParameters.Register(context, RpcMethods.ProcessEnv, () => json.ProcessEnvironment, (call, _) => Task.FromResult(manager.Env(Targets(call))));
        RpcParameters.Register(context, RpcMethods.ProcessSet, () => json.ProcessList, (call, ct) =>
            manager.SetAsync(RpcParameters.Read(call, json.ProcessSetParams, "{\"target\":\"api\",\"key\":\"NAME\",\"value\":\"...\"}"), ct));
        RpcParameters.Register(context, RpcMethods.ProcessSave, () => json.ProcessSaveResult, (call, ct) =>
        {
            RpcParameterReader.ReadNone(call);
            return manager.SaveAsync(ct);
        });
        RpcParameters.Register(context, RpcMethods.ProcessSignal, () => json.ProcessList, (call, ct) =>
            manager.SignalAsync(RpcParameters.Read(call, json.ProcessSignalParams, "{\"signal\":\"SIGUSR2\",\"targets\":[\"api\"]}"), ct));
        RpcParameters.Register(context, RpcMethods.ProcessReset, () => json.ProcessList, (call, ct) => manager.ResetAsync(Targets(call), ct));
        RpcParameters.Register(context, RpcMethods.ProcessClearDump, () => json.ProcessSaveResult, (call, ct) =>
        {
            RpcParameterReader.ReadNone(call);
            return manager.ClearDumpAsync(ct);
        });
        RpcParameters.Register(context, RpcMethods.ProcessResurrect, () => json.ProcessList, (call, ct) =>
        {
            RpcParameterReader.ReadNone(call);
            return manager.ResurrectAsync(ct);
        });
    }

    private static IReadOnlyList<string> Targets(RpcCall call) =>
        RpcParameters.Read(call, ContractsJsonContext.Default.ProcessTargetParams, TargetsShape) is { Targets.Count: > 0 } parameters
            ? parameters.Targets
            : throw RpcParameterReader.Invalid(call, "targets", "must name at least one app", "name an app, an id, or 'all'");
}
