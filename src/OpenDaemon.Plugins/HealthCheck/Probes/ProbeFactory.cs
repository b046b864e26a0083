using System.Collections;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>Builds the probe of a check for one target; owns what probes share (HTTP pools, the /proc sample).</summary>
internal sealed class ProbeFactory(TimeProvider time) : IDisposable
{
    private readonly HttpHandlers _http = new();
    private readonly TreeUsageCache _usage = new(time);
    private readonly Lazy<IReadOnlyDictionary<string, string>> _daemonEnvironment = new(CaptureEnvironment);

    public IHealthProbe Create(HealthTarget target) => Create(target, target.Check);

    public void Dispose() => _http.Dispose();

    private IHealthProbe Create(HealthTarget target, HealthCheckConfig check) => check.Type switch
    {
        HealthCheckType.Process => new ProcessProbe(target.Pid),
        HealthCheckType.Http or HealthCheckType.Https => new HttpProbe(check, _http),
        HealthCheckType.Tcp => check.Url is { } url ? new TcpProbe(new Uri(url).Host, new Uri(url).Port) : new TcpProbe(check.Host, check.Port!.Value),
        HealthCheckType.Script => ProbeCommands.Script(target with { Check = check }, _daemonEnvironment.Value, time),
        HealthCheckType.Command => ProbeCommands.Command(target with { Check = check }, _daemonEnvironment.Value, time),
        HealthCheckType.Grpc => new GrpcProbe(GrpcAddress(check), check.Service, () => _http.For(check.VerifyCertificate, check.CaFile)),
        HealthCheckType.Composite => new CompositeProbe([.. check.Checks.Select(nested => (nested, Create(target, nested)))], check.Operator, time),
        HealthCheckType.Memory => new MemoryProbe(target.Pid, check.MaxMemory!.Value, _usage),
        HealthCheckType.Cpu => new CpuProbe(target.Pid, check.MaxCpu!.Value, _usage, time),
        _ => throw new ArgumentOutOfRangeException(nameof(check), check.Type, "unknown health check type"),
    };

    private static Uri GrpcAddress(HealthCheckConfig check) =>
        check.Url is { } url ? new Uri(url) : new UriBuilder("http", check.Host, check.Port!.Value).Uri;

    private static Dictionary<string, string> CaptureEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return variables;
    }
}
