using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc;

namespace OpenDaemon.Cli.DaemonControl;

// Overview: "is a daemon running?" has three answers, not two. A daemon answers (its pid); nobody listens
// (no socket file, or a stale one: the kernel refuses the connection); or something accepted the
// connection and then closed or reset it before answering. The third is a daemon going away, and it is
// short-lived: a daemon killed with SIGKILL keeps its listening socket open until its last thread has
// exited (its main thread is already a zombie by then), so a client that connects in those few
// milliseconds — under load, tens of them — is queued on a listener nobody will accept from and is reset
// when the kernel closes it. A graceful stop ends the same way. Asking again shortly after gives one of the
// first two answers, so the probe polls until it does, within the caller's deadline. Treating the reset as
// an error (what `od daemon start --resurrect` did) left the apps of a crashed daemon down; treating it as
// "not running" and spawning at once could meet the dying daemon's lock, which the kernel releases with
// the same close.

/// <summary>Asks whoever listens on the daemon's socket for its pid, telling "nobody" from "a daemon going away".</summary>
internal static class DaemonProbe
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The pid of the daemon that answers, or null when none listens. A connection closed or reset before
    /// the answer is asked again until the socket answers or refuses; past <paramref name="deadline"/> its
    /// error is thrown (IPC_ERROR, saying the daemon closed the connection). Other failures (an untrusted
    /// socket, a refused token, a daemon that does not answer in time) are thrown at once.
    /// </summary>
    public static async Task<int?> RunningPidAsync(OdClientOptions options, TimeSpan deadline, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                await using var client = await OdClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
                return (await client.GetStatusAsync(cancellationToken).ConfigureAwait(false)).Pid;
            }
            catch (DaemonException error) when (error.Code == ErrorCode.DaemonNotRunning)
            {
                return null;
            }
            catch (DaemonException error) when (IsConnectionLost(error) && time.GetElapsedTime(started) < deadline)
            {
                await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>True when the daemon's side closed or reset the connection before it answered.</summary>
    public static bool IsConnectionLost(DaemonException error) =>
        error.Code == ErrorCode.IpcError && error.InnerException is ProtocolException { ConnectionLost: true };
}
