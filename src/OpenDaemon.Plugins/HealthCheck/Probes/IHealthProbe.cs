namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>One kind of health check (spec §3.2), built for one watch: it knows its target and settings.</summary>
internal interface IHealthProbe
{
    /// <summary>
    /// Checks once. A failed check is a result, not an exception; an exception still counts as a
    /// failure (see <see cref="ProbeRunner"/>). <paramref name="cancellationToken"/> fires at the timeout.
    /// </summary>
    ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken);
}
