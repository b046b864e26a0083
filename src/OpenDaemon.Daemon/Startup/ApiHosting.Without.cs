using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Daemon.Startup;

/// <summary>
/// ApiHosting of a daemon built with <c>-p:OdApi=false</c>: no API is linked (see ApiHosting.cs), and a config that
/// turns it on is told so in daemon.log instead of being ignored in silence.
/// </summary>
internal static partial class ApiHosting
{
    public static Task<IRunningApi?> StartAsync(ApiSettings settings, string home, IJsonRpcHandler rpc, ILoggerFactory loggerFactory, Func<bool> stopping, Func<IAuditLog?> audit, CancellationToken cancellationToken)
    {
        LogNotLinked(loggerFactory.CreateLogger("OpenDaemon.Daemon"), settings.Listen);
        return Task.FromResult<IRunningApi?>(null);
    }

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "the config turns the API on ({Listen}), but this od-daemon was built without it (-p:OdApi=false); no API is served")]
    private static partial void LogNotLinked(ILogger logger, string listen);
}
