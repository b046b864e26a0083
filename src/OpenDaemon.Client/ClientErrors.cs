using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc;

namespace OpenDaemon.Client;

/// <summary>Translates transport failures and JSON-RPC errors into <see cref="DaemonException"/>.</summary>
internal static class ClientErrors
{
    public static DaemonException FromConnectionError(DaemonConnectionException error, string socketPath) => error switch
    {
        StaleSocketException => new DaemonException(
            ErrorCode.DaemonNotRunning,
            $"no daemon is running (a stale socket was left at {socketPath})",
            "start one with 'od daemon start'",
            error),
        ConnectionRefusedException => new DaemonException(
            ErrorCode.DaemonNotRunning,
            $"no daemon is running (no socket at {socketPath})",
            "start one with 'od daemon start'",
            error),
        UntrustedPeerException untrusted => new DaemonException(
            ErrorCode.UntrustedDaemon,
            $"refusing to talk to {socketPath}: {untrusted.Message}; nothing was sent",
            $"another user may have replaced the daemon's socket: check who owns {socketPath} and its directory, remove it, and start your own daemon ('od daemon start'); to use a shared daemon of that user on purpose, set OD_TRUST_DAEMON_UID={untrusted.PeerUid}",
            error),
        DaemonAuthenticationException { TokenMissing: true } => new DaemonException(
            ErrorCode.Unauthorized,
            error.Message,
            "ask the daemon's owner for its token ('od api token') and set OD_TOKEN=<token>",
            error),
        DaemonAuthenticationException => new DaemonException(
            ErrorCode.Unauthorized,
            $"the daemon at {socketPath} refused the token: {error.Message}",
            "check OD_TOKEN: the token may have been rotated ('od api token' prints the current one)",
            error),
        ConnectionTimeoutException timeout => new DaemonException(
            ErrorCode.IpcTimeout,
            $"the daemon did not answer within {timeout.Timeout.TotalSeconds:0.#}s",
            "it may be overloaded or hung: check 'od daemon logs', or restart it with 'od daemon restart'",
            error),
        // EOF or a reset before the answer: the daemon stopped or died (a SIGKILLed daemon's socket keeps
        // accepting until its last thread has exited, then resets). Nothing suggests another version.
        ProtocolException { ConnectionLost: true } lost => new DaemonException(
            ErrorCode.IpcError,
            $"the daemon closed the connection before it answered ({lost.Details})",
            "it may have stopped or crashed: check 'od daemon status', and 'od daemon logs' for why",
            error),
        _ => new DaemonException(
            ErrorCode.IpcError,
            $"talking to the daemon failed: {error.Message}",
            "the CLI and the daemon may be different versions: run 'od daemon restart'",
            error),
    };

    public static DaemonException FromRpcError(JsonRpcError error)
    {
        if (error.Data is { ValueKind: JsonValueKind.Object } data)
        {
            try
            {
                var info = data.Deserialize(ContractsJsonContext.Default.ErrorInfo);
                if (info is not null)
                {
                    return info.ToException();
                }
            }
            catch (JsonException)
            {
                // Fall through to the generic mapping below.
            }
        }

        var code = error.Code switch
        {
            JsonRpcError.MethodNotFound => ErrorCode.MethodNotFound,
            JsonRpcError.InvalidParams => ErrorCode.InvalidParams,
            _ => ErrorCode.IpcError,
        };
        return new DaemonException(code, error.Message);
    }
}
