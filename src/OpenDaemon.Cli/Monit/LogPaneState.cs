namespace OpenDaemon.Cli.Monit;

/// <summary>What the logs pane shows: whose lines, whether it follows new ones, and how far it is scrolled back.</summary>
internal sealed record LogPaneState
{
    /// <summary>Every app's lines instead of the selected app's.</summary>
    public bool AllApps { get; init; }

    /// <summary>New lines are kept but the view stays where it is.</summary>
    public bool Paused { get; init; }

    /// <summary>Lines scrolled back from the newest (0 follows the end).</summary>
    public int Scroll { get; init; }
}
