using OpenDaemon.Config.Model;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// One run's NOTIFY_SOCKET (the systemd notify protocol): every datagram on it belongs to this run of
/// this instance, whoever in the app's tree sends it (systemd-notify is a child of the shell script
/// that calls it). A receive loop posts each one to the actor as a <see cref="NotifyEvent"/>.
/// </summary>
internal sealed class RunNotifications : IDisposable
{
    private const int MaxSocketPathBytes = 100;

    private readonly NotifySocket _socket;
    private readonly CancellationTokenSource _stop = new();

    private RunNotifications(NotifySocket socket) => _socket = socket;

    /// <summary>The value of NOTIFY_SOCKET for the run.</summary>
    public string Path => _socket.Path;

    /// <summary>Binds the run's socket when the app needs one (waitReady or a watchdog); null otherwise.</summary>
    public static RunNotifications? Open(string notifyDirectory, ProcessConfig config, int id, int run, Action<InstanceMessage> post)
    {
        if (!config.WaitReady && config.WatchdogTimeout is null)
        {
            return null;
        }

        var notifications = new RunNotifications(NotifySocket.Bind(Address(notifyDirectory, config, id, run)));
        _ = notifications.ReceiveAsync(run, post, notifications._stop.Token);
        return notifications;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _socket.Dispose();
    }

    // A file in the daemon's private (0700) runtime directory, unless the app runs as another user
    // (it could not reach that directory) or the path would be too long for a socket address: then
    // a Linux abstract socket, which every process of the machine's network namespace can reach.
    // The run is part of the name: during a reload two runs of one instance live side by side, and the
    // new one's READY=1 must not land on the old one's socket (nor the old one's close unlink the new one's file).
    internal static string Address(string notifyDirectory, ProcessConfig config, int id, int run)
    {
        var path = System.IO.Path.Combine(notifyDirectory, $"{id}.{run}.sock");
        if (config.Uid is null && config.Gid is null && System.Text.Encoding.UTF8.GetByteCount(path) < MaxSocketPathBytes)
        {
            Directory.CreateDirectory(notifyDirectory);
            return path;
        }

        return $"@opendaemon/{Environment.ProcessId}/{id}.{run}";
    }

    private async Task ReceiveAsync(int run, Action<InstanceMessage> post, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var message = await _socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                post(new NotifyEvent(run, message));
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The run ended and its socket was closed.
        }
    }
}
