using Microsoft.AspNetCore.Http;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Api.Http;

/// <summary>The HTTP status that fits each daemon error code (the body always carries the code itself).</summary>
internal static class HttpStatusOf
{
    public static int Error(ErrorCode code) => code switch
    {
        ErrorCode.InvalidParams or ErrorCode.ConfigInvalid or ErrorCode.ConfigValidationError or ErrorCode.ConfigNotFound
            or ErrorCode.ScriptNotExecutable or ErrorCode.RegexTimeout => StatusCodes.Status400BadRequest,
        ErrorCode.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCode.PermissionDenied or ErrorCode.UnsafePath => StatusCodes.Status403Forbidden,
        ErrorCode.ProcessNotFound or ErrorCode.PluginNotFound or ErrorCode.MethodNotFound or ErrorCode.SecretNotFound => StatusCodes.Status404NotFound,
        ErrorCode.ProcessAlreadyExists or ErrorCode.OperationInProgress or ErrorCode.PluginConflict or ErrorCode.ConfigExists => StatusCodes.Status409Conflict,
        ErrorCode.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCode.DaemonStopping or ErrorCode.DaemonNotRunning => StatusCodes.Status503ServiceUnavailable,
        ErrorCode.Timeout or ErrorCode.IpcTimeout or ErrorCode.HealthCheckTimeout or ErrorCode.ShutdownTimeout => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };
}
