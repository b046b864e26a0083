using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager;

/// <summary>Where captured entries go live, for followers (<c>od logs -f</c>, <c>log.stream</c>).</summary>
internal interface ILogTap
{
    /// <summary>True while anyone follows; checked once per chunk so that nobody following costs nothing.</summary>
    bool IsActive { get; }

    /// <summary>Hands one entry to the followers. Must not block: a slow follower must never slow an app.</summary>
    void Publish(LogEntry entry);
}
