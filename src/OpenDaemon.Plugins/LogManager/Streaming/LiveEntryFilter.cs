using System.Text.RegularExpressions;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Streaming;

/// <summary>
/// Which live entries a follower wants. Apps are matched by name, so instances added later (a scale,
/// a restart, a new app when following everything) are followed too; an instance id selects that instance only.
/// </summary>
internal sealed class LiveEntryFilter
{
    private readonly HashSet<string>? _apps;
    private readonly HashSet<(string Name, int Instance)>? _instances;
    private readonly int _minimumRank;
    private readonly Regex? _grep;
    private readonly string? _source;

    public LiveEntryFilter(HashSet<string>? apps, HashSet<(string Name, int Instance)>? instances, string? minimumLevel, Regex? grep, string? source)
    {
        _apps = apps;
        _instances = instances;
        _minimumRank = minimumLevel is null ? -1 : LogLevels.Rank(minimumLevel);
        _grep = grep;
        _source = source;
    }

    /// <summary>Everything.</summary>
    public static LiveEntryFilter All { get; } = new(null, null, null, null, null);

    public bool Matches(LogEntry entry)
    {
        if (_apps is not null || _instances is not null)
        {
            var byApp = _apps?.Contains(entry.ProcessName) == true;
            var byInstance = entry.InstanceId is { } instance && _instances?.Contains((entry.ProcessName, instance)) == true;
            if (!byApp && !byInstance)
            {
                return false;
            }
        }

        return (_source is null || entry.Source == _source)
            && LogLevels.Rank(entry.Level) >= _minimumRank
            && (_grep is null || GrepMatches(_grep, entry.Message));
    }

    private static bool GrepMatches(Regex grep, string message)
    {
        try
        {
            return grep.IsMatch(message);
        }
        catch (RegexMatchTimeoutException)
        {
            // A follow must not end on one pathological line: that line is left out. (A search
            // reports the timeout instead: see GrepMatch.)
            return false;
        }
    }
}
