using Microsoft.Extensions.Logging;
using OpenDaemon.Api;
using OpenDaemon.Api.Auth;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Daemon.Startup;

/// <summary>
/// The REST/WebSocket API (OpenDaemon.Api, on Kestrel) as the daemon starts it from the config's <c>api</c> section.
/// The only file of the daemon that names the API, compiled into od-daemon-api only (OpenDaemon.Daemon.Api.csproj);
/// od-daemon compiles ApiHosting.Without.cs instead and links none of it (Startup/DaemonWithApi says why).
/// </summary>
internal static class ApiHosting
{
    /// <summary>Whether this build serves the API (see Startup/DaemonWithApi).</summary>
    public static bool IsLinked => true;

    /// <summary>
    /// Starts listening; failures (address in use, unreadable certificate) are DaemonExceptions naming the fix.
    /// Refused tokens and accepted WebSocket clients go to the audit log <paramref name="audit"/> returns, when one runs.
    /// </summary>
    public static async Task<IRunningApi?> StartAsync(ApiSettings settings, string home, IJsonRpcHandler rpc, ILoggerFactory loggerFactory, Func<bool> stopping, Func<IAuditLog?> audit, CancellationToken cancellationToken)
    {
        var server = await ApiServer.StartAsync(settings, home, rpc, loggerFactory, stopping, attempt => Record(audit(), attempt), cancellationToken).ConfigureAwait(false);
        return new RunningApi(server);
    }

    private static void Record(IAuditLog? audit, ApiAuthentication attempt) =>
        audit?.Record(new AuditRecord(
            attempt.Succeeded ? "auth.success" : "auth.failure",
            new CallerIdentity(CallerIdentity.Api) { TokenId = attempt.TokenId, RemoteAddress = attempt.Address },
            attempt.Succeeded ? "success" : "UNAUTHORIZED")
        {
            Target = new AuditTarget("endpoint", attempt.Request),
            Params = attempt.Reason is { } reason ? AuditReasons.Of(reason) : null,
        });

    private sealed class RunningApi(ApiServer server) : IRunningApi
    {
        public string BaseUrl => server.BaseUrl;

        public long WebSocketClients => server.WebSocketClients;

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }
}
