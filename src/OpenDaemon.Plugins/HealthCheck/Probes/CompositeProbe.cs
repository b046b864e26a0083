using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// <c>composite</c>: its checks run together, each under its own <c>timeout</c> (their interval and
/// thresholds do not apply: the composite's do); <c>and</c> passes when all pass, <c>or</c> when any does.
/// Nesting is allowed to any depth.
/// </summary>
internal sealed class CompositeProbe(IReadOnlyList<(HealthCheckConfig Check, IHealthProbe Probe)> parts, CompositeOperator op, TimeProvider time) : IHealthProbe, IDisposable
{
    public async ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(parts.Select(part => ProbeRunner.RunAsync(part.Probe, part.Check.Timeout, time, cancellationToken))).ConfigureAwait(false);
        var passed = op == CompositeOperator.And ? results.All(r => r.Passed) : results.Any(r => r.Passed);
        var details = string.Join("; ", parts.Select((part, i) => $"{ConfigNames.Of(part.Check.Type)} {(results[i].Passed ? "passed" : "failed")}: {results[i].Message}"));
        return new ProbeResult(passed, $"{ConfigNames.Of(op)}: {details}");
    }

    public void Dispose()
    {
        foreach (var (_, probe) in parts)
        {
            (probe as IDisposable)?.Dispose();
        }
    }
}
