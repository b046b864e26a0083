namespace OpenDaemon.Cli.Monit;

/// <summary>What fills the dashboard's body.</summary>
internal enum MonitView
{
    /// <summary>Table, selected app's panel, recent logs (spec §7.1).</summary>
    Dashboard,

    /// <summary>The selected instance's details, as <c>od info</c> shows them (Enter).</summary>
    Details,

    /// <summary>The logs pane over the whole body (l).</summary>
    Logs,

    /// <summary>The keys (?).</summary>
    Help,
}
