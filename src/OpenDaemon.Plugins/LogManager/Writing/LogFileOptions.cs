using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>Per-file rotation and retention, taken from the app's <c>logs</c> block.</summary>
internal sealed record LogFileOptions
{
    /// <summary>Rotation when an app sets none: 10 MiB, 10 files, gzip, daily (<see cref="RotationConfig"/> defaults).</summary>
    public static RotationConfig DefaultRotation { get; } = new();

    public static LogFileOptions Default { get; } = new();

    /// <summary>Rotation; <see cref="RotationConfig.Enabled"/> false turns rotation and retention off.</summary>
    public RotationConfig Rotation { get; init; } = DefaultRotation;

    /// <summary>Budget for this file and its rotated files together; the oldest rotated files go first.</summary>
    public long HistoryBytes { get; init; } = LogConfig.DefaultHistoryBytes;

    public static LogFileOptions For(LogConfig? logs) =>
        logs is null ? Default : new LogFileOptions { Rotation = logs.Rotation ?? DefaultRotation, HistoryBytes = logs.History };
}
