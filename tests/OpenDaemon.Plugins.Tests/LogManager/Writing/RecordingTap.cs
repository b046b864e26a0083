using System.Collections.Concurrent;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Plugins.LogManager;

namespace OpenDaemon.Plugins.Tests.LogManager.Writing;

/// <summary>A follower that keeps what it is handed (or nobody following, with <c>active: false</c>).</summary>
internal sealed class RecordingTap(bool active = true) : ILogTap
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public bool IsActive => active;

    public void Publish(LogEntry entry) => Entries.Enqueue(entry);
}
