using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Config;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Config;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Daemon.Configuration;
using OpenDaemon.Daemon.Diagnostics;
using OpenDaemon.Daemon.Logging;
using OpenDaemon.Daemon.Plugins;
using OpenDaemon.Daemon.SelfChecks;
using OpenDaemon.Daemon.Startup;
using OpenDaemon.Hosting.Health;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Hosting.Lifecycle;
using OpenDaemon.Hosting.Memory;
using OpenDaemon.Ipc.Paths;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.ProcessManager;

namespace OpenDaemon.Daemon;

/// <summary>
/// The composition root: takes the single-instance lock, opens the daemon log, starts the plugins,
/// registers the RPC methods, listens on the IPC socket and starts the apps it was given. Start
/// failures surface as <see cref="DaemonException"/> with a code and a hint; whatever happens, a
/// stopped host leaves no lock, PID file or socket.
/// </summary>
public sealed partial class DaemonHost : IAsyncDisposable
{
    private readonly DaemonHostOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly DaemonLifecycle _lifecycle;
    private readonly RpcMethodRegistry _methods;
    private readonly HealthChecker _selfChecks;
    private readonly ConfigLoadResult? _loaded;
    private readonly ConfigReloader _configuration;
    private PluginHost? _plugins;
    private IpcServer? _server;
    private IRunningApi? _api;
    private BurstMemoryReturner? _memory;

    private DaemonHost(DaemonHostOptions options, DaemonPaths paths, ILoggerFactory loggerFactory, ConfigLoadResult? loaded)
    {
        _options = options;
        Paths = paths;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<DaemonHost>();
        _lifecycle = new DaemonLifecycle(new DaemonLifecycleOptions
        {
            Name = ProductInfo.AppName,
            LockPath = paths.LockPath,
            PidPath = paths.PidPath,
            ShutdownTimeout = options.ShutdownTimeout,
            TimeProvider = options.TimeProvider,
            Logger = loggerFactory.CreateLogger<DaemonLifecycle>(),
        });
        _methods = new RpcMethodRegistry(loggerFactory.CreateLogger<RpcMethodRegistry>());
        _selfChecks = DaemonSelfChecks.Create(options.TimeProvider, () => _server is not null, paths.SocketPath, options.Environment.Home, () => _plugins);
        _loaded = loaded;
        _configuration = new ConfigReloader(options.ConfigPath, loaded?.Config ?? OpenDaemonConfig.Empty, _logger);
    }

    /// <summary>Runtime files of this daemon.</summary>
    public DaemonPaths Paths { get; }

    /// <summary>Names of every RPC method the daemon answers, sorted.</summary>
    internal IReadOnlyList<string> MethodNames => _methods.MethodNames;

    /// <summary>The daemon's clock.</summary>
    internal TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>Lifecycle state.</summary>
    public DaemonState State => _lifecycle.State;

    /// <summary>Completes when the daemon has stopped.</summary>
    public Task Stopped => _lifecycle.Stopped;

    /// <summary>The running plugins (null before start).</summary>
    internal PluginHost? Plugins => _plugins;

    private IProcessManager? ProcessManager => _plugins?.GetPlugin<IProcessManager>(ProcessManagerPlugin.PluginName);

    /// <summary>Starts a daemon and returns once it answers requests.</summary>
    public static async Task<DaemonHost> StartAsync(DaemonHostOptions options, CancellationToken cancellationToken)
    {
        // The config file first: its daemon section shapes the paths, the log and the shutdown.
        var loaded = await DaemonConfigFile.LoadAsync(options.ConfigPath, cancellationToken).ConfigureAwait(false);
        if (options.CommandLine is { } commandLine)
        {
            DaemonWithApi.ExecWhenNeeded(loaded?.Config?.Api, commandLine); // before the lock: od-daemon-api takes it
        }

        if (loaded?.Config is { } fileConfig)
        {
            options = DaemonConfigFile.Apply(options, fileConfig.Daemon);
        }

        var environment = options.Environment;
        var paths = DaemonPaths.Resolve(
            ProductInfo.AppName,
            environment.HomeIsExplicit ? environment.Home : null,
            environment.SocketOverride);
        if (options.PidFile is { } pidFile)
        {
            paths = paths with { PidPath = Path.GetFullPath(pidFile) };
        }

        DaemonDirectories.Prepare(environment.Home, paths);

        ILoggerFactory loggerFactory;
        try
        {
            loggerFactory = DaemonLoggerFactory.Create(options);
        }
        catch (UnauthorizedAccessException error)
        {
            throw StartErrors.HomeUnreadable(environment.Home, error);
        }

        var host = new DaemonHost(options, paths, loggerFactory, loaded);
        try
        {
            await host.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Asks the daemon to stop; returns once it has. Throws SHUTDOWN_TIMEOUT when it overran.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_lifecycle.State is DaemonState.Running)
            {
                await _lifecycle.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _lifecycle.Stopped.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DaemonLifecycleException error) when (error.Kind == DaemonErrorKind.ShutdownTimeout)
        {
            LogShutdownTimeout(_logger, _options.ShutdownTimeout);
            throw new DaemonException(
                ErrorCode.ShutdownTimeout,
                $"the daemon did not stop within {_options.ShutdownTimeout.TotalSeconds:0.#}s; lock, PID file and socket were released",
                "look in the daemon log for the step that hung ('od daemon logs')",
                error);
        }
        catch (DaemonLifecycleException error) when (error.Kind == DaemonErrorKind.NotRunning)
        {
            // Already stopped by a signal or an earlier request: nothing left to do.
        }
        finally
        {
            // The socket must go even when a shutdown step hung (ShutdownTimeout).
            await DisposeServerAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_lifecycle.State is DaemonState.Running or DaemonState.Starting)
        {
            try
            {
                await StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (DaemonException)
            {
                // Already logged; disposal must finish releasing everything.
            }
        }

        await DisposeServerAsync().ConfigureAwait(false);
        if (_plugins is not null)
        {
            await _plugins.DisposeAsync().ConfigureAwait(false);
        }

        _memory?.Dispose();
        await _lifecycle.DisposeAsync().ConfigureAwait(false);
        _loggerFactory.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        // Before anything can be observed from outside (PID file, socket): a SIGTERM that arrives
        // while starting must stop the daemon gracefully, not kill it with the default action.
        if (_options.HandleSignals)
        {
            _lifecycle.HandleSignals();
        }

        // Registered first, so it runs last: the socket keeps answering while later parts stop.
        _lifecycle.OnShutdown(_ => DisposeServerAsync().AsTask());
        try
        {
            await _lifecycle.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DaemonLifecycleException error) when (error.Kind == DaemonErrorKind.AlreadyRunning)
        {
            throw new DaemonException(
                ErrorCode.DaemonAlreadyRunning,
                $"a daemon is already running for {_options.Environment.Home}{(error.OwnerPid is { } pid ? $" (pid {pid})" : "")}",
                "use it, or stop it first with 'od daemon stop'",
                error);
        }
        catch (DaemonLifecycleException error) when (error.InnerException is UnsafePathException unsafePath)
        {
            throw StartErrors.UnsafePath(unsafePath);
        }
        catch (DaemonLifecycleException error)
        {
            throw new DaemonException(
                ErrorCode.DaemonStartFailed,
                $"the daemon could not take its lock {Paths.LockPath}: {error.Message}",
                "check that the directory exists and is writable by this user",
                error);
        }

        DaemonRpcMethods.Register(_methods, this);
        await StartPluginsAsync(cancellationToken).ConfigureAwait(false);

        _server = new IpcServer(
            SocketSecurity.ServerOptions(
                _configuration.Current.Daemon,
                Paths.SocketPath,
                _options.Environment.Home,
                AuditSocketAuthentication,
                _loggerFactory.CreateLogger<IpcServer>(),
                _options.TimeProvider),
            _methods);
        try
        {
            await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (UnsafePathException error)
        {
            throw StartErrors.UnsafePath(error);
        }
        catch (Exception error) when (error is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            throw new DaemonException(
                ErrorCode.SocketError,
                $"the daemon could not listen on {Paths.SocketPath}: {error.Message}",
                "another program may own that path; set OD_SOCKET to a free path",
                error);
        }

        await StartApiAsync(cancellationToken).ConfigureAwait(false);
        _memory = new BurstMemoryReturner(_options.TimeProvider, afterBurst: true); // start-up is a burst, and so are starting many apps and floods of lines or clients
        LogStarted(_logger, System.Environment.ProcessId, ProductInfo.Version, Paths.SocketPath, _options.Environment.Home);
        if (ProcessManager is { } manager)
        {
            await StartupApps.StartAsync(manager, _options.Resurrect, _configuration.Current, _configuration.Path, _logger, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        _ = _lifecycle.Stopped.ContinueWith(
            static (_, state) => LogStopped(((DaemonHost)state!)._logger),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async ValueTask DisposeServerAsync()
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The REST/WebSocket API, when the config has an <c>api</c> section; stopped before the plugins.</summary>
    private async Task StartApiAsync(CancellationToken cancellationToken)
    {
        if (_configuration.Current.Api is not { } settings)
        {
            return;
        }

        _api = await ApiHosting.StartAsync(settings, _options.Environment.Home, _methods, _loggerFactory, () => _lifecycle.State != DaemonState.Running, () => _plugins?.GetPlugin<IAuditLog>(PluginNames.AuditLogger), cancellationToken).ConfigureAwait(false);
        if (_api is null)
        {
            return;
        }

        _lifecycle.OnShutdown(async _ =>
        {
            if (Interlocked.Exchange(ref _api, null) is { } api)
            {
                await api.DisposeAsync().ConfigureAwait(false);
            }
        });
        LogApiListening(_logger, _api.BaseUrl);
    }

    /// <summary>The socket's token challenges, into the audit log like the API's (when its plugin runs).</summary>
    private void AuditSocketAuthentication(IpcAuthenticationAttempt attempt) =>
        _plugins?.GetPlugin<IAuditLog>(PluginNames.AuditLogger)?.Record(new AuditRecord(
            attempt.Succeeded ? "auth.success" : "auth.failure",
            attempt.Caller with { TokenId = attempt.TokenId },
            attempt.Succeeded ? "success" : "UNAUTHORIZED")
        {
            Target = new AuditTarget("endpoint", "socket"),
            Params = attempt.Reason is { } reason ? AuditReasons.Of(reason) : null,
        });

    private async Task StartPluginsAsync(CancellationToken cancellationToken)
    {
        foreach (var warning in _loaded?.Warnings ?? [])
        {
            LogConfigWarning(_logger, warning.ToString());
        }

        _plugins = DaemonPlugins.Create(_options, Paths, _configuration.Current, _methods, _loggerFactory);
        EventRpcMethods.Register(_methods, _plugins.Events);

        // Registered after the IPC server's handler, so plugins stop first while the socket still answers.
        _lifecycle.OnShutdown(cancellationToken => _plugins.StopAsync(cancellationToken));
        await _plugins.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>daemon.reload: applies the changed configuration file, then tells the plugins.</summary>
    internal async Task<ConfigReloadResult> ReloadAsync(CancellationToken cancellationToken)
    {
        var reload = await _configuration.ReloadAsync(ProcessManager, cancellationToken).ConfigureAwait(false);
        _plugins?.Events.Publish("config:reloaded", reload, ContractsJsonContext.Default.ConfigReloadResult);
        return reload;
    }

    /// <summary>daemon.status: the daemon's own figures and self-checks.</summary>
    internal async Task<DaemonStatusInfo> GetStatusAsync(CancellationToken cancellationToken)
    {
        var health = await _selfChecks.CheckAsync(cancellationToken).ConfigureAwait(false);
        var stats = ProcessSelfStats.Read();
        var startedAt = _lifecycle.StartedAt ?? _options.TimeProvider.GetUtcNow();
        return new DaemonStatusInfo
        {
            Pid = System.Environment.ProcessId,
            State = _lifecycle.State.ToString().ToLowerInvariant(),
            Version = ProductInfo.Version,
            StartedAt = startedAt,
            UptimeSeconds = Math.Round((_options.TimeProvider.GetUtcNow() - startedAt).TotalSeconds, 3),
            Socket = Paths.SocketPath,
            Home = _options.Environment.Home,
            ConfigFile = _configuration.Path,
            MemoryBytes = stats.ResidentBytes,
            ManagedHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
            Threads = stats.Threads,
            Connections = _server?.ConnectionCount ?? 0,
            Healthy = health.Healthy,
            Checks = health.Checks.ToDictionary(check => check.Key, check => check.Value.Message, StringComparer.Ordinal),
            Exporters = _plugins?.GetPlugin<IMetricsExporters>(PluginNames.Metrics)?.ExporterStatuses() is { Count: > 0 } exporters ? exporters : null,
            Api = _api?.BaseUrl,
            ApiWebSocketClients = _api?.WebSocketClients,
        };
    }

    /// <summary>
    /// Begins a graceful stop once the caller's answer is on its way. The stop runs on the thread
    /// pool so the RPC that asked for it can be answered first; its outcome is logged here.
    /// </summary>
    internal void RequestShutdown()
    {
        LogShutdownRequested(_logger);
        _ = Task.Run(async () =>
        {
            try
            {
                await StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                LogShutdownFailed(_logger, error);
            }
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "daemon started: pid {Pid}, version {Version}, socket {Socket}, home {Home}")]
    private static partial void LogStarted(ILogger logger, int pid, string version, string socket, string home);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "daemon stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "shutdown overran its {Timeout} timeout; lock, PID file and socket released anyway")]
    private static partial void LogShutdownTimeout(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "shutdown requested over IPC")]
    private static partial void LogShutdownRequested(ILogger logger);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "shutdown requested over IPC failed")]
    private static partial void LogShutdownFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "configuration: {Warning}")]
    private static partial void LogConfigWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "API listening on {Url}")]
    private static partial void LogApiListening(ILogger logger, string url);
}
