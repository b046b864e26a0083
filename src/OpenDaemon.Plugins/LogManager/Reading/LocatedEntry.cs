using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>A matching entry and the offset of its line in its file.</summary>
internal readonly record struct LocatedEntry(LogEntry Entry, long Start);
