namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>What one check found: passed or not, and a short line for <c>od info</c> ("HTTP 200", "connection refused").</summary>
internal readonly record struct ProbeResult(bool Passed, string Message)
{
    public static ProbeResult Pass(string message) => new(true, message);

    public static ProbeResult Fail(string message) => new(false, message);
}
