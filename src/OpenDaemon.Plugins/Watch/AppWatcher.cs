using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.Watch;

/// <summary>
/// Watches one app's paths recursively and restarts the app once per burst of changes.
/// </summary>
/// <remarks>
/// Concurrency: each <see cref="FileSystemWatcher"/> raises events on its own thread; they only
/// filter the path and signal the <see cref="ChangeDebouncer"/>, which owns all timing and runs the
/// restart on the thread pool, never two at once. An overflow of the kernel queue (events lost)
/// counts as one change: the app restarts once, as the lost events would have made it.
/// <see cref="Dispose"/> stops the watchers first, then the debouncer, so no restart follows it.
/// <see cref="Status"/> may run on any thread: the watched and missing lists are complete when the
/// constructor returns, and the counters are written atomically.
/// </remarks>
public sealed partial class AppWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ChangeDebouncer _debouncer;
    private readonly WatchFilter _filter;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly List<string> _missing = [];
    private string? _problem;
    private int _restarts;
    private LastRestart? _lastRestart;

    /// <summary>Starts watching <paramref name="config"/>'s watch paths; <paramref name="restart"/> restarts the app.</summary>
    public AppWatcher(ProcessConfig config, TimeProvider time, ILogger logger, Func<ChangeBatch, Task> restart)
    {
        var watch = config.Watch ?? throw new ArgumentException("the app has no watch configuration", nameof(config));
        Config = config;
        _logger = logger;
        _time = time;
        _filter = WatchFilter.For(config);
        _debouncer = new ChangeDebouncer(watch.Delay, time, async batch =>
        {
            LogRestarting(_logger, config.Name, batch.FirstPath, batch.Count);
            Interlocked.Increment(ref _restarts);
            Volatile.Write(ref _lastRestart, new LastRestart(_time.GetUtcNow(), batch.FirstPath));
            await restart(batch).ConfigureAwait(false);
        });
        var paths = watch.Paths.Count == 0 ? [config.Cwd] : watch.Paths;
        foreach (var path in paths.Select(p => Path.GetFullPath(p, config.Cwd)))
        {
            Add(path);
        }
    }

    /// <summary>The configuration the watcher was made for (a changed one needs a new watcher).</summary>
    public ProcessConfig Config { get; }

    /// <summary>What <c>watch.list</c> shows for this app.</summary>
    public Contracts.Watch.WatchedApp Status()
    {
        var last = Volatile.Read(ref _lastRestart);
        return new Contracts.Watch.WatchedApp
        {
            Name = Config.Name,
            Watching = [.. _watchers.Select(w => w.Path)],
            Missing = [.. _missing],
            Ignore = Config.Watch!.Ignore,
            DelayMs = (long)Config.Watch.Delay.TotalMilliseconds,
            Problem = Volatile.Read(ref _problem),
            Restarts = Volatile.Read(ref _restarts),
            LastRestartAt = last?.At,
            LastChangedPath = last?.Path,
        };
    }

    private void Add(string path)
    {
        var root = Directory.Exists(path) ? path : Path.GetDirectoryName(path) ?? path;
        if (!Directory.Exists(root))
        {
            LogMissing(_logger, Config.Name, path);
            _missing.Add(path);
            return;
        }

        var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes,
            InternalBufferSize = 64 * 1024,
        };
        FileSystemEventHandler changed = (_, e) => OnChange(root, e.FullPath);
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (_, e) =>
        {
            OnChange(root, e.OldFullPath);
            OnChange(root, e.FullPath);
        };
        watcher.Error += (_, e) => OnError(e.GetException());
        try
        {
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
        catch (IOException error)
        {
            // The inotify limit reached on the first directories: the app runs unwatched.
            OnError(error);
            watcher.Dispose();
        }
    }

    private void OnChange(string root, string fullPath)
    {
        if (!_filter.IsIgnored(root, fullPath))
        {
            _debouncer.Signal(fullPath);
        }
    }

    private void OnError(Exception error)
    {
        if (error is InternalBufferOverflowException)
        {
            _debouncer.Signal("(event queue overflow)");
            return;
        }

        if (Interlocked.CompareExchange(ref _problem, $"{error.Message}; raise fs.inotify.max_user_watches (sysctl)", null) is null)
        {
            LogWatchFailed(_logger, Config.Name, error.Message);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.EnableRaisingEvents = false;
            watcher.Dispose();
        }

        _debouncer.Dispose();
    }

    private sealed record LastRestart(DateTimeOffset At, string Path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch: {App} restarts, {Path} changed ({Count} change events)")]
    private static partial void LogRestarting(ILogger logger, string app, string path, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch: {App}'s path {Path} does not exist and is not watched")]
    private static partial void LogMissing(ILogger logger, string app, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch: {App} is only partly watched: {Reason}. Raise the inotify limit (sysctl fs.inotify.max_user_watches, fs.inotify.max_user_instances); the app keeps running")]
    private static partial void LogWatchFailed(ILogger logger, string app, string reason);
}
