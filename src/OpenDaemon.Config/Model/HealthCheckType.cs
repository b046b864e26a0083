namespace OpenDaemon.Config.Model;

/// <summary>Kinds of health check (spec §3.2).</summary>
public enum HealthCheckType
{
    /// <summary>The process is alive (default).</summary>
    Process,

    /// <summary>HTTP GET returns the expected status (2xx by default).</summary>
    Http,

    /// <summary>HTTPS, with optional certificate verification.</summary>
    Https,

    /// <summary>A TCP connection succeeds.</summary>
    Tcp,

    /// <summary>A script exits with 0.</summary>
    Script,

    /// <summary>The gRPC health checking protocol answers SERVING.</summary>
    Grpc,

    /// <summary>A shell command exits with 0.</summary>
    Command,

    /// <summary>Several checks combined with AND/OR.</summary>
    Composite,

    /// <summary>Memory (RSS) below a threshold.</summary>
    Memory,

    /// <summary>CPU below a threshold.</summary>
    Cpu,
}
