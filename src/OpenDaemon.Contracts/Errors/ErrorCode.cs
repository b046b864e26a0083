using System.Text.Json.Serialization;

namespace OpenDaemon.Contracts.Errors;

/// <summary>
/// Every failure a user can see carries one of these codes (spec §10.1). On the wire and on the
/// terminal they are written in SCREAMING_SNAKE_CASE, exactly as the spec names them.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ErrorCode>))]
public enum ErrorCode
{
    [JsonStringEnumMemberName("UNKNOWN_ERROR")] UnknownError = 0,

    // System
    [JsonStringEnumMemberName("DAEMON_NOT_RUNNING")] DaemonNotRunning,
    [JsonStringEnumMemberName("DAEMON_ALREADY_RUNNING")] DaemonAlreadyRunning,
    [JsonStringEnumMemberName("DAEMON_START_FAILED")] DaemonStartFailed,
    [JsonStringEnumMemberName("SHUTDOWN_TIMEOUT")] ShutdownTimeout,
    [JsonStringEnumMemberName("SOCKET_ERROR")] SocketError,

    // A home, runtime directory, socket, lock or PID file that another user could control.
    [JsonStringEnumMemberName("UNSAFE_PATH")] UnsafePath,

    // The socket's listener runs as another user than the CLI; nothing was sent to it.
    [JsonStringEnumMemberName("UNTRUSTED_DAEMON")] UntrustedDaemon,

    // OD_HOME (or a file in it) cannot be read or listed by this user.
    [JsonStringEnumMemberName("HOME_UNREADABLE")] HomeUnreadable,

    // A write failed because the file system is full (ENOSPC) or over quota (EDQUOT).
    [JsonStringEnumMemberName("DISK_FULL")] DiskFull,

    // Process
    [JsonStringEnumMemberName("PROCESS_NOT_FOUND")] ProcessNotFound,
    [JsonStringEnumMemberName("PROCESS_ALREADY_EXISTS")] ProcessAlreadyExists,
    [JsonStringEnumMemberName("PROCESS_START_FAILED")] ProcessStartFailed,
    [JsonStringEnumMemberName("PROCESS_STOP_FAILED")] ProcessStopFailed,

    // The script is neither executable nor run by a known interpreter.
    [JsonStringEnumMemberName("SCRIPT_NOT_EXECUTABLE")] ScriptNotExecutable,

    // Configuration
    [JsonStringEnumMemberName("CONFIG_NOT_FOUND")] ConfigNotFound,
    [JsonStringEnumMemberName("CONFIG_INVALID")] ConfigInvalid,
    [JsonStringEnumMemberName("CONFIG_VALIDATION_ERROR")] ConfigValidationError,
    [JsonStringEnumMemberName("CONFIG_EXISTS")] ConfigExists,

    // Plugins
    [JsonStringEnumMemberName("PLUGIN_NOT_FOUND")] PluginNotFound,
    [JsonStringEnumMemberName("PLUGIN_ALREADY_REGISTERED")] PluginAlreadyRegistered,
    [JsonStringEnumMemberName("PLUGIN_DEPENDENCY_MISSING")] PluginDependencyMissing,
    [JsonStringEnumMemberName("PLUGIN_CONFLICT")] PluginConflict,

    // Health checks
    [JsonStringEnumMemberName("HEALTH_CHECK_FAILED")] HealthCheckFailed,
    [JsonStringEnumMemberName("HEALTH_CHECK_TIMEOUT")] HealthCheckTimeout,

    // IPC
    [JsonStringEnumMemberName("IPC_TIMEOUT")] IpcTimeout,
    [JsonStringEnumMemberName("IPC_ERROR")] IpcError,
    [JsonStringEnumMemberName("METHOD_NOT_FOUND")] MethodNotFound,
    [JsonStringEnumMemberName("INVALID_PARAMS")] InvalidParams,

    // Secrets
    [JsonStringEnumMemberName("SECRET_NOT_FOUND")] SecretNotFound,
    [JsonStringEnumMemberName("SECRET_DECRYPTION_FAILED")] SecretDecryptionFailed,

    // General
    [JsonStringEnumMemberName("PERMISSION_DENIED")] PermissionDenied,
    [JsonStringEnumMemberName("TIMEOUT")] Timeout,

    // A user-supplied regular expression (od logs --grep) took too long on some line.
    [JsonStringEnumMemberName("REGEX_TIMEOUT")] RegexTimeout,

    // od reload: a new run did not become ready; the reload stopped there and the old runs still serve.
    [JsonStringEnumMemberName("RELOAD_FAILED")] ReloadFailed,

    // od reload / od scale on an app that another reload or scale is changing right now.
    [JsonStringEnumMemberName("OPERATION_IN_PROGRESS")] OperationInProgress,

    // API: no token, or a wrong one (HTTP 401).
    [JsonStringEnumMemberName("UNAUTHORIZED")] Unauthorized,

    // API: the client made more requests than its rate limit allows (HTTP 429 with Retry-After).
    [JsonStringEnumMemberName("RATE_LIMITED")] RateLimited,

    // The daemon is shutting down and takes no new work (HTTP 503).
    [JsonStringEnumMemberName("DAEMON_STOPPING")] DaemonStopping,
}
