using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Daemon.Logging;
using OpenDaemon.Hosting.Health;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Hosting.Lifecycle;
using OpenDaemon.Ipc.Paths;
using OpenDaemon.Kernel.Rpc;

namespace OpenDaemon.Daemon;

/// <summary>
/// The composition root: takes the single-instance lock, opens the daemon log, registers the RPC
/// methods and listens on the IPC socket. Start failures surface as <see cref="DaemonException"/>
/// with a code and a hint; whatever happens, a stopped host leaves no lock, PID file or socket.
/// </summary>
public sealed partial class DaemonHost : IAsyncDisposable
{
    private readonly DaemonHostOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly DaemonLifecycle _lifecycle;
    private readonly RpcMethodRegistry _methods;
    private readonly HealthChecker _selfChecks;
    private IpcServer? _server;

    private DaemonHost(DaemonHostOptions options, DaemonPaths paths, ILoggerFactory loggerFactory)
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
        _selfChecks = new HealthChecker(timeProvider: options.TimeProvider, checkTimeout: TimeSpan.FromSeconds(2));
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

    /// <summary>Starts a daemon and returns once it answers requests.</summary>
    public static async Task<DaemonHost> StartAsync(DaemonHostOptions options, CancellationToken cancellationToken)
    {
        // The config file first: its daemon section shapes the paths, the log and the shutdown.
        var loaded = await DaemonConfigFile.LoadAsync(options.ConfigPath, cancellationToken).ConfigureAwait(false);
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

        PrepareDirectories(environment.Home, paths);

        ILoggerFactory loggerFactory;
        try
        {
            loggerFactory = CreateLoggerFactory(options);
        }
        catch (UnauthorizedAccessException error)
        {
            throw HomeUnreadable(environment.Home, error);
        }

        var host = new DaemonHost(options, paths, loggerFactory) { _loaded = loaded };
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
            throw UnsafePath(unsafePath);
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
        RegisterSelfChecks();
        RegisterKernelSelfChecks();
        await StartPluginsAsync(cancellationToken).ConfigureAwait(false);

        _server = new IpcServer(
            new IpcServerOptions
            {
                SocketPath = Paths.SocketPath,
                Logger = _loggerFactory.CreateLogger<IpcServer>(),
                TimeProvider = _options.TimeProvider,
            },
            _methods);
        try
        {
            await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (UnsafePathException error)
        {
            throw UnsafePath(error);
        }
        catch (Exception error) when (error is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            throw new DaemonException(
                ErrorCode.SocketError,
                $"the daemon could not listen on {Paths.SocketPath}: {error.Message}",
                "another program may own that path; set OD_SOCKET to a free path",
                error);
        }

        LogStarted(_logger, System.Environment.ProcessId, ProductInfo.Version, Paths.SocketPath, _options.Environment.Home);
        await StartAppsAsync(cancellationToken).ConfigureAwait(false);
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

    private static void PrepareDirectories(string home, DaemonPaths paths)
    {
        try
        {
            // Logs, dumps and secrets live in the home: created 0700, and an existing one must be a
            // real directory of this user that nobody else can write (SafePaths says why).
            SafePaths.EnsurePrivateDirectory(home);

            // Ours but unusable (chmod 000): a clear HOME_UNREADABLE now, not a failure deep inside.
            _ = Directory.EnumerateFileSystemEntries(home).Any();
            paths.EnsureDirectories();
            if (Path.GetDirectoryName(paths.PidPath) is { Length: > 0 } pidDirectory)
            {
                // daemon.pidFile may name a directory of its own (/run/myapp/od.pid).
                Directory.CreateDirectory(pidDirectory);
            }
        }
        catch (UnsafePathException error)
        {
            throw UnsafePath(error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw HomeUnreadable(home, error);
        }
        catch (IOException error)
        {
            throw new DaemonException(
                ErrorCode.PermissionDenied,
                $"cannot create the daemon's directories ({home}, {paths.RuntimeDirectory}): {error.Message}",
                "set OD_HOME to a directory this user can write",
                error);
        }
    }

    /// <summary>The user's error for a home this user owns but may not read, write or search (chmod 000, a read-only mount).</summary>
    internal static DaemonException HomeUnreadable(string home, Exception error) => new(
        ErrorCode.HomeUnreadable,
        $"OD_HOME {home} cannot be read or written by this user: {error.Message}",
        $"give its owner access again ('chmod u+rwx {home}'), or set OD_HOME to another directory",
        error);

    /// <summary>The user's error for a path another user could control: what is wrong and how to fix it.</summary>
    internal static DaemonException UnsafePath(UnsafePathException error) =>
        new(ErrorCode.UnsafePath, $"refusing to use {error.Path}: it {error.Problem}", error.Hint, error);

    private static ILoggerFactory CreateLoggerFactory(DaemonHostOptions options)
    {
        List<TextWriter> writers = [new RotatingLogWriter(options.Environment.DaemonLogPath, RotatingLogWriter.DefaultMaxBytes, RotatingLogWriter.DefaultKeep)];
        if (options.LogToStandardError)
        {
            writers.Add(Console.Error);
        }

        var provider = new TextWriterLoggerProvider(writers, options.MinimumLogLevel, options.TimeProvider);
        return LoggerFactory.Create(builder => builder.SetMinimumLevel(options.MinimumLogLevel).AddProvider(provider));
    }
}
