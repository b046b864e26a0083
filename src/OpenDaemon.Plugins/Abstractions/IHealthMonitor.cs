namespace OpenDaemon.Plugins.Abstractions;

/// <summary>
/// Runs an instance's health check (spec §3.2) for one run and reports the outcome back. The
/// <c>health-check</c> plugin implements it; the process manager gates <c>starting</c> → <c>online</c>
/// on the first healthy report and applies the <c>restart</c>/<c>stop</c> actions inside the instance actor.
/// </summary>
public interface IHealthMonitor
{
    /// <summary>
    /// Starts probing <paramref name="target"/> until the returned watch is disposed. <paramref name="report"/>
    /// is called (from any thread, never concurrently for one watch) whenever the health status changes and
    /// when the failure threshold is reached.
    /// </summary>
    IAsyncDisposable Watch(HealthTarget target, Action<HealthReport> report);
}
