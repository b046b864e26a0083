namespace OpenDaemon.Cli.Commands.Startup;

/// <summary>A rendered boot script: where it goes, with which mode, and the commands that enable or remove it.</summary>
internal sealed record InitScript(string Platform, string Destination, string Content, bool Executable, IReadOnlyList<string> EnableCommands, IReadOnlyList<string> DisableCommands);
