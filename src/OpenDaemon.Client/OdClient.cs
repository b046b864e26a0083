using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Config;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Plugins;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Ipc;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Client;

/// <summary>
/// The C# SDK: one connection to a running daemon. Every failure is a <see cref="DaemonException"/>
/// with a code and a hint, whether it happened in the daemon or on the way to it.
/// </summary>
/// <example>
/// <code>
/// await using var od = await OdClient.ConnectAsync();
/// var status = await od.GetStatusAsync();
/// </code>
/// </example>
public sealed partial class OdClient : IAsyncDisposable
{
    private readonly IpcClient _connection;
    private readonly OdClientOptions _options;

    private OdClient(IpcClient connection, OdClientOptions options, string socketPath)
    {
        _connection = connection;
        _options = options;
        SocketPath = socketPath;
    }

    /// <summary>The socket this client is connected to.</summary>
    public string SocketPath { get; }

    /// <summary>The socket a client with these options would connect to.</summary>
    public static string ResolveSocketPath(OdClientOptions options) => ResolvePaths(options).SocketPath;

    /// <summary>The runtime files (socket, PID file, lock) of the installation these options name.</summary>
    public static DaemonPaths ResolvePaths(OdClientOptions options) => DaemonPaths.Resolve(
        ProductInfo.AppName,
        options.Environment.HomeIsExplicit ? options.Environment.Home : null,
        options.Environment.SocketOverride);

    /// <summary>Connects; throws DAEMON_NOT_RUNNING when no daemon listens.</summary>
    public static async Task<OdClient> ConnectAsync(OdClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OdClientOptions();
        var socketPath = ResolveSocketPath(options);
        try
        {
            var connection = await IpcClient.ConnectAsync(socketPath, options.ConnectTimeout, () => ReadOwnToken(options), cancellationToken).ConfigureAwait(false);
            return new OdClient(connection, options, socketPath);
        }
        catch (DaemonConnectionException error)
        {
            throw ClientErrors.FromConnectionError(error, socketPath);
        }
    }

    // The auth-token file of this client's OD_HOME, for a root client or one whose OD_HOME is the daemon's;
    // a group member of a shared daemon cannot read it and sets OD_TOKEN instead.
    private static string? ReadOwnToken(OdClientOptions options)
    {
        try
        {
            return new ApiTokenFile(options.Environment.Home).Read();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary><c>daemon.ping</c>: proves the daemon answers.</summary>
    public Task<PingResult> PingAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.DaemonPing, ContractsJsonContext.Default.PingResult, cancellationToken);

    /// <summary><c>daemon.version</c>.</summary>
    public Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.DaemonVersion, ContractsJsonContext.Default.VersionInfo, cancellationToken);

    /// <summary><c>daemon.status</c>: pid, uptime, memory, threads, self-checks.</summary>
    public Task<DaemonStatusInfo> GetStatusAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.DaemonStatus, ContractsJsonContext.Default.DaemonStatusInfo, cancellationToken);

    /// <summary><c>daemon.shutdown</c>: the daemon answers, then stops gracefully.</summary>
    public Task<ShutdownResult> ShutdownAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.DaemonShutdown, ContractsJsonContext.Default.ShutdownResult, cancellationToken);

    /// <summary><c>daemon.reload</c>: re-read the configuration and apply what changed.</summary>
    public Task<ConfigReloadResult> ReloadAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.DaemonReload, ContractsJsonContext.Default.ConfigReloadResult, cancellationToken);

    /// <summary><c>plugin.list</c>: every plugin in start order.</summary>
    public async Task<IReadOnlyList<PluginSummary>> ListPluginsAsync(CancellationToken cancellationToken = default) =>
        (await InvokeAsync(RpcMethods.PluginList, ContractsJsonContext.Default.PluginList, cancellationToken).ConfigureAwait(false)).Plugins;

    /// <summary><c>plugin.info</c>.</summary>
    public Task<PluginSummary> GetPluginAsync(string name, CancellationToken cancellationToken = default) =>
        InvokePluginMethodAsync(RpcMethods.PluginInfo, name, cancellationToken);

    /// <summary><c>plugin.enable</c>: start a disabled plugin.</summary>
    public Task<PluginSummary> EnablePluginAsync(string name, CancellationToken cancellationToken = default) =>
        InvokePluginMethodAsync(RpcMethods.PluginEnable, name, cancellationToken);

    /// <summary><c>plugin.disable</c>: stop a plugin; its methods answer that it is disabled.</summary>
    public Task<PluginSummary> DisablePluginAsync(string name, CancellationToken cancellationToken = default) =>
        InvokePluginMethodAsync(RpcMethods.PluginDisable, name, cancellationToken);

    /// <summary>Calls any method without parameters and reads its result.</summary>
    public Task<TResult> InvokeAsync<TResult>(string method, JsonTypeInfo<TResult> resultType, CancellationToken cancellationToken = default) =>
        InvokeAsync(method, null, resultType, cancellationToken);

    /// <summary>Calls any method with raw JSON parameters and reads its result.</summary>
    public Task<TResult> InvokeAsync<TResult>(string method, JsonElement? parameters, JsonTypeInfo<TResult> resultType, CancellationToken cancellationToken = default) =>
        InvokeAsync(method, parameters, resultType, _options.RequestTimeout, cancellationToken);

    /// <summary>Calls any method with raw JSON parameters and an explicit answer timeout.</summary>
    public async Task<TResult> InvokeAsync<TResult>(string method, JsonElement? parameters, JsonTypeInfo<TResult> resultType, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // The result is read straight from the answer's bytes into TResult (no JsonDocument per call).
        JsonRpcResponse<TResult> response;
        try
        {
            response = await _connection.RequestAsync(method, parameters, resultType, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (DaemonConnectionException error)
        {
            throw ClientErrors.FromConnectionError(error, SocketPath);
        }
        catch (JsonException error)
        {
            throw new DaemonException(
                ErrorCode.IpcError,
                $"the daemon's answer to {method} could not be read: {error.Message}",
                "the CLI and the daemon may be different versions: run 'od daemon restart'",
                error);
        }

        if (response.Error is { } rpcError)
        {
            throw ClientErrors.FromRpcError(rpcError);
        }

        return response.Result
            ?? throw new DaemonException(ErrorCode.IpcError, $"the daemon answered {method} without a result", "run 'od daemon restart'");
    }

    private Task<PluginSummary> InvokePluginMethodAsync(string method, string name, CancellationToken cancellationToken) =>
        InvokeAsync(
            method,
            JsonSerializer.SerializeToElement(new PluginNameParams(name), ContractsJsonContext.Default.PluginNameParams),
            ContractsJsonContext.Default.PluginSummary,
            cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
