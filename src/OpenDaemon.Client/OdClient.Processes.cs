using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Client;

// The process-manager methods (spec §5.4). Starting, stopping and restarting wait for the apps to
// reach their target state, which can take as long as an app's readyTimeout or killTimeout, so
// these calls use OdClientOptions.OperationTimeout instead of the short request timeout.
public sealed partial class OdClient
{
    /// <summary><c>process.start</c>: a script, the apps of a config file, or a known app.</summary>
    public Task<ProcessList> StartAsync(ProcessStartParams parameters, CancellationToken cancellationToken = default) =>
        InvokeLongAsync(RpcMethods.ProcessStart, Serialize(parameters, ContractsJsonContext.Default.ProcessStartParams), ContractsJsonContext.Default.ProcessList, cancellationToken);

    /// <summary><c>process.stop</c>: names, ids or <c>all</c>.</summary>
    public Task<ProcessList> StopAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken = default) =>
        InvokeLongAsync(RpcMethods.ProcessStop, Targets(targets), ContractsJsonContext.Default.ProcessList, cancellationToken);

    /// <summary><c>process.restart</c>: names, ids or <c>all</c>.</summary>
    public Task<ProcessList> RestartAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken = default) =>
        InvokeLongAsync(RpcMethods.ProcessRestart, Targets(targets), ContractsJsonContext.Default.ProcessList, cancellationToken);

    /// <summary>
    /// <c>process.restart</c> with <c>--update-env</c>: the apps take <paramref name="environment"/> (the caller's)
    /// before restarting; their configured env and <c>od set</c> values still win.
    /// </summary>
    public Task<ProcessList> RestartAsync(IReadOnlyList<string> targets, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken = default) =>
        InvokeLongAsync(
            RpcMethods.ProcessRestart,
            Serialize(new ProcessTargetParams { Targets = targets, UpdateEnv = environment }, ContractsJsonContext.Default.ProcessTargetParams),
            ContractsJsonContext.Default.ProcessList,
            cancellationToken);

    /// <summary>
    /// <c>process.reload</c>: zero-downtime reload of cluster-mode apps, one instance at a time (fork-mode apps
    /// are restarted, with a note). With <paramref name="environment"/> (<c>--update-env</c>) the apps take it
    /// first, as <see cref="RestartAsync(IReadOnlyList{string}, IReadOnlyDictionary{string, string}, CancellationToken)"/>.
    /// A new run that does not become ready ends it with RELOAD_FAILED; the old runs still serve.
    /// </summary>
    public Task<ProcessList> ReloadAsync(IReadOnlyList<string> targets, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default) =>
        InvokeLongAsync(
            RpcMethods.ProcessReload,
            Serialize(new ProcessTargetParams { Targets = targets, UpdateEnv = environment }, ContractsJsonContext.Default.ProcessTargetParams),
            ContractsJsonContext.Default.ProcessList,
            cancellationToken);

    /// <summary><c>process.scale</c>: <paramref name="instances"/> is a count (<c>"3"</c>) or a change (<c>"+2"</c>, <c>"-1"</c>).</summary>
    public Task<ProcessList> ScaleAsync(string app, string instances, CancellationToken cancellationToken = default) =>
        InvokeLongAsync(
            RpcMethods.ProcessScale,
            Serialize(new ProcessScaleParams { Target = app, Instances = instances }, ContractsJsonContext.Default.ProcessScaleParams),
            ContractsJsonContext.Default.ProcessList,
            cancellationToken);

    /// <summary><c>process.delete</c>: stop and forget; answers the deleted instances as they were last.</summary>
    public Task<ProcessList> DeleteAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken = default) =>
        InvokeLongAsync(RpcMethods.ProcessDelete, Targets(targets), ContractsJsonContext.Default.ProcessList, cancellationToken);

    /// <summary><c>process.list</c>: the process table.</summary>
    public Task<ProcessList> ListAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.ProcessList, ContractsJsonContext.Default.ProcessList, cancellationToken);

    /// <summary><c>process.info</c>: details of every instance <paramref name="target"/> names.</summary>
    public Task<ProcessDetailList> InfoAsync(string target, CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.ProcessInfo, Targets([target]), ContractsJsonContext.Default.ProcessDetailList, cancellationToken);

    /// <summary><c>process.graph</c>: every app with its dependencies and state.</summary>
    public Task<DependencyGraphInfo> GraphAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.ProcessGraph, ContractsJsonContext.Default.DependencyGraphInfo, cancellationToken);

    /// <summary><c>process.env</c>: the environment the app's instances get, secrets masked.</summary>
    public Task<ProcessEnvironment> EnvAsync(string target, CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.ProcessEnv, Targets([target]), ContractsJsonContext.Default.ProcessEnvironment, cancellationToken);

    /// <summary><c>process.set</c>: one environment variable, used from the next restart.</summary>
    public Task<ProcessList> SetAsync(string target, string key, string value, CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.ProcessSet, Serialize(new ProcessSetParams(target, key, value), ContractsJsonContext.Default.ProcessSetParams), ContractsJsonContext.Default.ProcessList, cancellationToken);

    /// <summary><c>process.save</c>: write the process list to dump.json.</summary>
    public Task<ProcessSaveResult> SaveAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.ProcessSave, ContractsJsonContext.Default.ProcessSaveResult, cancellationToken);

    /// <summary><c>process.resurrect</c>: start the apps of dump.json.</summary>
    public Task<ProcessList> ResurrectAsync(CancellationToken cancellationToken = default) =>
        InvokeLongAsync(RpcMethods.ProcessResurrect, null, ContractsJsonContext.Default.ProcessList, cancellationToken);

    /// <summary><c>process.signal</c>: sends <paramref name="signal"/> (a name or number) to the main process of each named instance that runs.</summary>
    public Task<ProcessList> SignalAsync(string signal, IReadOnlyList<string> targets, CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.ProcessSignal, Serialize(new ProcessSignalParams { Signal = signal, Targets = targets }, ContractsJsonContext.Default.ProcessSignalParams), ContractsJsonContext.Default.ProcessList, cancellationToken);

    /// <summary><c>process.reset</c>: sets the restart counters of the named instances back to 0.</summary>
    public Task<ProcessList> ResetAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.ProcessReset, Targets(targets), ContractsJsonContext.Default.ProcessList, cancellationToken);

    /// <summary><c>process.clearDump</c>: empties dump.json, so that a resurrect restores nothing.</summary>
    public Task<ProcessSaveResult> ClearDumpAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.ProcessClearDump, ContractsJsonContext.Default.ProcessSaveResult, cancellationToken);

    private Task<TResult> InvokeLongAsync<TResult>(string method, JsonElement? parameters, JsonTypeInfo<TResult> resultType, CancellationToken cancellationToken) =>
        InvokeAsync(method, parameters, resultType, _options.OperationTimeout, cancellationToken);

    private static JsonElement Targets(IReadOnlyList<string> targets) =>
        Serialize(new ProcessTargetParams { Targets = targets }, ContractsJsonContext.Default.ProcessTargetParams);

    private static JsonElement Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToElement(value, typeInfo);
}
