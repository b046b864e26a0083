namespace OpenDaemon.Hosting.Health;

/// <summary>The outcome of one health check.</summary>
/// <param name="Healthy">True when the check passed.</param>
/// <param name="Message">Why it failed; null when it passed.</param>
public sealed record HealthCheckResult(bool Healthy, string? Message = null)
{
    private static readonly HealthCheckResult Passed = new(true);

    /// <summary>A passing result.</summary>
    public static HealthCheckResult Pass() => Passed;

    /// <summary>A failing result with the reason.</summary>
    public static HealthCheckResult Fail(string message) => new(false, message);
}
