namespace OpenDaemon.Cli.Front;

/// <summary>The commands the front door answers itself, each in exactly the spellings od-cli accepts for it.</summary>
internal enum QuickCommand
{
    /// <summary><c>od ping</c>.</summary>
    Ping,

    /// <summary><c>od ls --json</c> (and <c>list</c>, <c>status</c>, <c>l</c>, <c>ps</c>; the flag before or after).</summary>
    List,
}

/// <summary>Recognises a <see cref="QuickCommand"/>; anything with another argument or flag is od-cli's.</summary>
internal static class QuickCommandParser
{
    private static readonly HashSet<string> ListNames = ["ls", "list", "status", "l", "ps"];

    public static QuickCommand? Parse(string[] args) => args switch
    {
        ["ping"] => QuickCommand.Ping,
        [var name, "--json"] when ListNames.Contains(name) => QuickCommand.List,
        ["--json", var name] when ListNames.Contains(name) => QuickCommand.List,
        _ => null,
    };
}
