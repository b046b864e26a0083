namespace OpenDaemon.Cli.Commands.Startup;

/// <summary>What goes into a boot script: who runs the daemon, where its data is, and how to find programs.</summary>
/// <param name="User">The user the daemon runs as (PM2's <c>-u</c>).</param>
/// <param name="Home">That user's home (PM2's <c>--hp</c>).</param>
/// <param name="OdHome">The daemon's <c>OD_HOME</c>: the caller's when set, else <c>&lt;home&gt;/.opendaemon</c>.</param>
/// <param name="OdPath">The <c>od</c> executable (the daemon executable sits beside it).</param>
/// <param name="Path">PATH for the daemon and its apps: the caller's, plus the directory of <c>od</c>.</param>
/// <param name="ServiceName">The unit or script name (PM2's <c>--service-name</c>).</param>
internal sealed record StartupSettings(string User, string Home, string OdHome, string OdPath, string Path, string ServiceName);
