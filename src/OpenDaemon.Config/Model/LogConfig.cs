namespace OpenDaemon.Config.Model;

/// <summary>Per-app log options beyond the file names (spec §3.3; key <c>logs</c>).</summary>
public sealed record LogConfig
{
    /// <summary>Timestamp prefix: <c>iso</c>, <c>unix</c>, a custom pattern such as <c>YYYY-MM-DD HH:mm:ss</c> (PM2 <c>log_date_format</c>), or null for none.</summary>
    public string? TimestampFormat { get; init; }

    /// <summary>Write structured JSON lines instead of plain text.</summary>
    public bool Json { get; init; }

    /// <summary>Rotation, or null for the log manager's defaults.</summary>
    public RotationConfig? Rotation { get; init; }
}
