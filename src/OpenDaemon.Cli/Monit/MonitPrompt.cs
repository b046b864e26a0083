namespace OpenDaemon.Cli.Monit;

/// <summary>A question on the message line that takes the keyboard until answered.</summary>
internal enum MonitPrompt
{
    None,

    /// <summary>Typing the name filter (/).</summary>
    Filter,

    /// <summary>"delete app …? y/n" (d).</summary>
    ConfirmDelete,
}
