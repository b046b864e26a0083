using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

// Readiness and liveness through the systemd notify protocol: each run that needs it gets its own
// NOTIFY_SOCKET, so every datagram on it belongs to this instance — whoever in the app's tree
// sends it (systemd-notify is a child of the shell script that calls it).
internal sealed partial class InstanceActor
{
    private NotifySocket? _notify;
    private CancellationTokenSource? _notifyStop;
    private bool _ready;
    private bool _wentOnline;
    private string? _readyStatus;
    private DateTimeOffset? _lastWatchdogAt;

    private bool NeedsNotifySocket => _config.WaitReady || _config.WatchdogTimeout is not null;

    private string? OpenNotifySocket(int run)
    {
        CloseNotifySocket();
        if (!NeedsNotifySocket)
        {
            return null;
        }

        _notify = NotifySocket.Bind(NotifySocketAddress());
        _notifyStop = new CancellationTokenSource();
        _ = ReceiveNotificationsAsync(_notify, run, _notifyStop.Token);
        return _notify.Path;
    }

    // A file in the daemon's private (0700) runtime directory, unless the app runs as another user
    // (it could not reach that directory) or the path would be too long for a socket address: then
    // a Linux abstract socket, which every process of the machine's network namespace can reach.
    private string NotifySocketAddress()
    {
        var path = Path.Combine(_services.NotifyDirectory, $"{Id}.sock");
        if (_config.Uid is null && _config.Gid is null && System.Text.Encoding.UTF8.GetByteCount(path) < MaxSocketPathBytes)
        {
            Directory.CreateDirectory(_services.NotifyDirectory);
            return path;
        }

        return $"@opendaemon/{Environment.ProcessId}/{Id}";
    }

    private const int MaxSocketPathBytes = 100;

    private async Task ReceiveNotificationsAsync(NotifySocket socket, int run, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var message = await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                Post(new NotifyEvent(run, message));
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The run ended and its socket was closed.
        }
    }

    private void CloseNotifySocket()
    {
        _notifyStop?.Cancel();
        _notifyStop?.Dispose();
        _notifyStop = null;
        _notify?.Dispose();
        _notify = null;
    }

    private ValueTask OnNotify(NotifyEvent notify)
    {
        if (notify.Run != _run || _process is null)
        {
            return ValueTask.CompletedTask;
        }

        var message = notify.Message;
        _readyStatus = message.Status ?? _readyStatus;
        if (message.IsReady && !_ready)
        {
            _ready = true;
            GoOnlineIfReady(_readyStatus is null ? "ready" : $"ready: {_readyStatus}");
        }

        if (message.IsWatchdogPing)
        {
            _lastWatchdogAt = _services.Time.GetUtcNow();
            if (_config.WatchdogTimeout is { } timeout)
            {
                Arm(ref _watchdogTimer, timeout, TimerKind.Watchdog);
            }
        }

        if (message.IsWatchdogTrigger && _state == ProcessState.Online)
        {
            BeginStop(StopIntent.Watchdog, "the app asked for a watchdog restart (WATCHDOG=trigger)");
        }

        return ValueTask.CompletedTask;
    }
}
