namespace OpenDaemon.Contracts.Environment;

/// <summary>
/// Where one OpenDaemon installation lives, read from the environment the way PM2 reads
/// <c>PM2_HOME</c>: <c>OD_HOME</c> (default <c>~/.opendaemon</c>) holds logs, dumps and secrets,
/// and when it is set explicitly the socket, PID file and lock move inside it too, so one variable
/// isolates a whole daemon. <c>OD_SOCKET</c> overrides the socket alone.
/// </summary>
/// <param name="Home">The data directory.</param>
/// <param name="HomeIsExplicit">True when <c>OD_HOME</c> was set, so runtime files live in it.</param>
/// <param name="SocketOverride">The value of <c>OD_SOCKET</c>, if set.</param>
public sealed record OdEnvironment(string Home, bool HomeIsExplicit, string? SocketOverride)
{
    /// <summary>Name of the variable that moves the whole installation.</summary>
    public const string HomeVariable = "OD_HOME";

    /// <summary>Name of the variable that moves the socket alone.</summary>
    public const string SocketVariable = "OD_SOCKET";

    /// <summary>Reads the variables; pass a lookup to read them from somewhere other than the process.</summary>
    public static OdEnvironment FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= System.Environment.GetEnvironmentVariable;
        var explicitHome = NullIfBlank(getVariable(HomeVariable));
        var home = explicitHome is not null
            ? Path.GetFullPath(explicitHome)
            : Path.Combine(UserHome(getVariable), ".opendaemon");
        var socket = NullIfBlank(getVariable(SocketVariable));
        return new OdEnvironment(home, explicitHome is not null, socket is null ? null : Path.GetFullPath(socket));
    }

    /// <summary>The daemon's own log file.</summary>
    public string DaemonLogPath => Path.Combine(Home, "daemon.log");

    private static string UserHome(Func<string, string?> getVariable) =>
        NullIfBlank(getVariable("HOME")) ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
