namespace OpenDaemon.Api.WebSockets.Logs;

/// <summary>
/// Which apps a <c>log:</c> topic follows, as <c>log.stream</c> chose them: apps by name (their instances started
/// later too), instances by id, or everything. Immutable.
/// </summary>
internal sealed class LogSelection
{
    private readonly HashSet<string>? _apps;
    private readonly HashSet<(string App, int Instance)>? _instances;

    public LogSelection(HashSet<string> apps, HashSet<(string App, int Instance)> instances)
    {
        _apps = apps;
        _instances = instances;
    }

    private LogSelection()
    {
    }

    /// <summary>Every app, present and future.</summary>
    public static LogSelection Everything { get; } = new();

    public bool Matches(string app, int? instance) =>
        _apps is null
        || _apps.Contains(app)
        || (instance is { } id && _instances!.Contains((app, id)));
}
