using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>A <see cref="LogQuery"/>'s filters applied to one <see cref="LogSource"/>'s entries.</summary>
internal sealed class LogEntryFilter
{
    // Entries of one file are in write order, which is timestamp order up to a little jitter: the instances
    // of a merged file write concurrently. A read stops only once it is this far outside the window.
    private static readonly TimeSpan OrderSlack = TimeSpan.FromSeconds(5);

    private readonly LogQuery _query;
    private readonly int? _instance;
    private readonly int _minRank;

    public LogEntryFilter(LogQuery query, LogSource source)
    {
        _query = query;
        _instance = source.Instance;
        _minRank = query.MinLevel is null
            ? -1
            : LogLevels.Rank(LogLevels.Parse(query.MinLevel) ?? throw new ArgumentException($"Unknown log level '{query.MinLevel}'.", nameof(query)));
    }

    /// <exception cref="Contracts.Errors.DaemonException">REGEX_TIMEOUT when the grep pattern runs too long on this entry.</exception>
    public bool Matches(LogEntry entry)
    {
        if (_instance is not null && entry.InstanceId != _instance)
        {
            return false;
        }

        if (((LogStreamNames.Parse(entry.Source) ?? LogStreams.Stdout) & _query.Streams) == 0)
        {
            return false;
        }

        if (_minRank >= 0 && LogLevels.Rank(entry.Level) < _minRank)
        {
            return false;
        }

        if (_query.Since is not null || _query.Until is not null)
        {
            if (entry.Timestamp is not { } at || at < _query.Since || at > _query.Until)
            {
                return false;
            }
        }

        return _query.Grep is not { } grep || GrepMatch.IsMatch(grep, entry.Message);
    }

    /// <summary>True when a file read backwards can stop here: everything before this entry is older than the window.</summary>
    public bool IsWellBeforeWindow(LogEntry entry) => entry.Timestamp < _query.Since - OrderSlack;

    /// <summary>True when a file read forwards can stop here: everything after this entry is newer than the window.</summary>
    public bool IsWellAfterWindow(LogEntry entry) => entry.Timestamp > _query.Until + OrderSlack;
}
