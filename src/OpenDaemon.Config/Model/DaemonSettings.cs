namespace OpenDaemon.Config.Model;

/// <summary>The <c>daemon</c> section of a configuration file (spec §4.2).</summary>
public sealed record DaemonSettings
{
    /// <summary>Least severe level of the daemon's own log: trace, debug, info, warn, error.</summary>
    public string LogLevel { get; init; } = "info";
}
