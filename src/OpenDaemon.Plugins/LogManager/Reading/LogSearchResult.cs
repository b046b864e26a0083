using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>The answer to a <see cref="LogQuery"/>.</summary>
/// <param name="Entries">The matching entries, oldest first.</param>
/// <param name="Truncated">True when more entries matched than the query's limit let through.</param>
internal sealed record LogSearchResult(IReadOnlyList<LogEntry> Entries, bool Truncated);
