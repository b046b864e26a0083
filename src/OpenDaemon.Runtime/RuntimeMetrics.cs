namespace OpenDaemon.Runtime;

/// <summary>The front door: <c>using var reporter = RuntimeMetrics.Start();</c> once, at the start of the app.</summary>
public static class RuntimeMetrics
{
    /// <summary>The environment variable OpenDaemon sets, in every app it starts, to its metrics socket.</summary>
    internal const string SocketVariable = "OD_METRICS_SOCKET";

    /// <summary>
    /// Starts reporting the app's <see cref="System.Diagnostics.Metrics"/> instruments to the OpenDaemon daemon
    /// that runs it. Outside OpenDaemon (no <c>OD_METRICS_SOCKET</c> and no <see cref="RuntimeMetricsOptions.SocketPath"/>)
    /// it returns a reporter that does nothing. Never throws; call it once per process (two reporters would each
    /// send every series, and the daemon adds them up).
    /// </summary>
    /// <param name="options">Which meters and which socket; null for the defaults.</param>
    /// <returns>The reporter; dispose it to stop reporting.</returns>
    public static RuntimeMetricsReporter Start(RuntimeMetricsOptions? options = null) =>
        Start(options, Environment.GetEnvironmentVariable(SocketVariable));

    /// <summary>As <see cref="Start(RuntimeMetricsOptions?)"/>, with the value of <c>OD_METRICS_SOCKET</c> given (tests).</summary>
    internal static RuntimeMetricsReporter Start(RuntimeMetricsOptions? options, string? socketFromEnvironment)
    {
        var path = options?.SocketPath ?? socketFromEnvironment;
        return string.IsNullOrEmpty(path) ? new RuntimeMetricsReporter() : new RuntimeMetricsReporter(path, options?.Meters);
    }
}
