namespace OpenDaemon.Config.Model;

/// <summary>Log rotation (spec §3.3).</summary>
public sealed record RotationConfig
{
    /// <summary>Whether rotation runs; default true once a rotation block is present.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Rotate when a file reaches this many bytes; default 10 MiB.</summary>
    public long? MaxSize { get; init; } = 10L << 20;

    /// <summary>How many rotated files to keep; default 10.</summary>
    public int MaxFiles { get; init; } = 10;

    /// <summary>Delete rotated files older than this (a bare number is seconds here, per the spec), or null.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>Gzip rotated files; default true.</summary>
    public bool Compress { get; init; } = true;

    /// <summary>Where rotated files go (absolute), or null for beside the log.</summary>
    public string? Directory { get; init; }

    /// <summary>Date pattern in rotated names; default <c>YYYY-MM-DD</c>.</summary>
    public string DatePattern { get; init; } = "YYYY-MM-DD";
}
