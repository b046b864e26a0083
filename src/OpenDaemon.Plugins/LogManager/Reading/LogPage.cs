using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>One page of a read.</summary>
/// <param name="Entries">Matching entries, oldest first.</param>
/// <param name="Next">Where the next page starts; null when every source was read to its end.</param>
internal sealed record LogPage(IReadOnlyList<LogEntry> Entries, LogCursor? Next);
