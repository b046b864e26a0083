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

    /// <summary>Budget for this file and its rotated files together (its share of the app's <c>logHistory</c>); the oldest rotated files go first.</summary>
    public long HistoryBytes { get; init; } = LogConfig.DefaultHistoryBytes;

    /// <summary>
    /// The options of one of the app's <paramref name="appFileCount"/> log files: <c>logHistory</c> is a budget
    /// for the whole app (spec §12.2), so each file gets an equal share of it.
    /// </summary>
    public static LogFileOptions For(LogConfig? logs, int appFileCount) => new()
    {
        Rotation = logs?.Rotation ?? DefaultRotation,
        HistoryBytes = (logs?.History ?? LogConfig.DefaultHistoryBytes) / Math.Max(1, appFileCount),
    };
}
