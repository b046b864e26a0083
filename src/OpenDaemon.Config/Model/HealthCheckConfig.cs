namespace OpenDaemon.Config.Model;

/// <summary>A health check (spec §3.2). Which fields apply depends on <see cref="Type"/>.</summary>
public sealed record HealthCheckConfig
{
    /// <summary>The kind of check.</summary>
    public HealthCheckType Type { get; init; } = HealthCheckType.Process;

    /// <summary>Time between checks; default 30 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one check may take; default 5 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Consecutive failures before <see cref="Action"/>; default 3.</summary>
    public int FailureThreshold { get; init; } = 3;

    /// <summary>Consecutive successes before healthy again; default 1.</summary>
    public int SuccessThreshold { get; init; } = 1;

    /// <summary>Wait after start before the first check; default 0.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.Zero;

    /// <summary>What to do when unhealthy; default restart.</summary>
    public HealthCheckAction Action { get; init; } = HealthCheckAction.Restart;

    /// <summary>http/https/grpc: the URL to probe.</summary>
    public string? Url { get; init; }

    /// <summary>http/https: the request method; default GET.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>http/https: request headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>http/https: accepted status codes; empty means any 2xx.</summary>
    public IReadOnlyList<int> ExpectedStatus { get; init; } = [];

    /// <summary>http/https: what the body must contain, or null.</summary>
    public BodyMatch? ExpectedBody { get; init; }

    /// <summary>https: verify the server certificate; default true.</summary>
    public bool VerifyCertificate { get; init; } = true;

    /// <summary>
    /// https/grpc: absolute path of a PEM (or DER) file of CA certificates; when set, the server's chain must
    /// end in one of them instead of the system's trust store (a private CA, a self-signed certificate).
    /// </summary>
    public string? CaFile { get; init; }

    /// <summary>tcp/grpc: host; default localhost.</summary>
    public string Host { get; init; } = "localhost";

    /// <summary>tcp/grpc: port.</summary>
    public int? Port { get; init; }

    /// <summary>grpc: the service name to ask about; empty asks about the server.</summary>
    public string? Service { get; init; }

    /// <summary>script/command: what to run.</summary>
    public string? Command { get; init; }

    /// <summary>script/command: its arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>composite: the checks to combine.</summary>
    public IReadOnlyList<HealthCheckConfig> Checks { get; init; } = [];

    /// <summary>composite: how to combine them; default and.</summary>
    public CompositeOperator Operator { get; init; } = CompositeOperator.And;

    /// <summary>memory: healthy while RSS is below this many bytes.</summary>
    public long? MaxMemory { get; init; }

    /// <summary>cpu: healthy while CPU is below this percentage.</summary>
    public double? MaxCpu { get; init; }
}
