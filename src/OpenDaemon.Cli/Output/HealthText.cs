using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Output;

/// <summary>How a health status reads and is coloured, the same in <c>od ls</c> and <c>od info</c>.</summary>
internal static class HealthText
{
    /// <summary>"healthy", "unhealthy", "unknown"; "-" for an instance without a health check.</summary>
    public static string Name(HealthStatus? status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Unhealthy => "unhealthy",
        HealthStatus.Unknown => "unknown",
        _ => "-",
    };

    /// <summary>healthy green, unhealthy red, unknown dim.</summary>
    public static string Paint(CliOutput output, HealthStatus? status, string text) => status switch
    {
        HealthStatus.Healthy => output.Green(text),
        HealthStatus.Unhealthy => output.Red(text),
        HealthStatus.Unknown => output.Dim(text),
        _ => text,
    };
}
