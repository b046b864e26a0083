namespace OpenDaemon.Cli.Monit;

/// <summary>What a key asks the session to do beyond changing the model: talk to the daemon, or quit.</summary>
/// <param name="Kind">The request.</param>
/// <param name="Target">The instance id or app name it acts on.</param>
internal sealed record MonitAction(MonitActionKind Kind, string Target = "")
{
    public static MonitAction Quit { get; } = new(MonitActionKind.Quit);

    /// <summary>The selection or the logs pane's scope changed: fetch the details and follow other logs.</summary>
    public static MonitAction SelectionChanged { get; } = new(MonitActionKind.SelectionChanged);
}

/// <summary>The requests of <see cref="MonitAction"/>.</summary>
internal enum MonitActionKind
{
    Quit,
    SelectionChanged,
    Restart,
    Stop,
    Reload,
    ScaleUp,
    ScaleDown,
    Delete,
}
