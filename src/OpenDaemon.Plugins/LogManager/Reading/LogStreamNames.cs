namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>The wire names of the streams (<see cref="Contracts.Logs.LogEntry.Source"/>).</summary>
internal static class LogStreamNames
{
    public const string Stdout = "stdout";
    public const string Stderr = "stderr";

    /// <summary>The flag for a stream name, or null when it is neither.</summary>
    public static LogStreams? Parse(string name) => name switch
    {
        Stdout => LogStreams.Stdout,
        Stderr => LogStreams.Stderr,
        _ => null,
    };

    /// <summary>The level of a line that does not carry one: what it says on stderr is an error.</summary>
    public static string DefaultLevel(LogStreams stream) => stream == LogStreams.Stderr ? "error" : "info";
}
