using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Daemon.Startup;

/// <summary>
/// ApiHosting of od-daemon, which links no API (ApiHosting.cs is od-daemon-api's). A config that turns the API on
/// makes od-daemon exec od-daemon-api before it gets here (DaemonWithApi); only a daemon hosted without its command
/// line (inside tests) reaches this with an api section, and is told so in daemon.log rather than ignored in silence.
/// </summary>
internal static partial class ApiHosting
{
    /// <summary>Whether this build serves the API (see Startup/DaemonWithApi).</summary>
    public static bool IsLinked => false;

    public static Task<IRunningApi?> StartAsync(ApiSettings settings, string home, IJsonRpcHandler rpc, ILoggerFactory loggerFactory, Func<bool> stopping, Func<IAuditLog?> audit, CancellationToken cancellationToken)
    {
        LogNotLinked(loggerFactory.CreateLogger("OpenDaemon.Daemon"), settings.Listen);
        return Task.FromResult<IRunningApi?>(null);
    }

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "the config turns the API on ({Listen}), but this daemon has no API linked (od-daemon-api has it); no API is served")]
    private static partial void LogNotLinked(ILogger logger, string listen);
}
