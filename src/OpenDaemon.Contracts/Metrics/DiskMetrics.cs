namespace OpenDaemon.Contracts.Metrics;

/// <summary>One mounted file system (statvfs).</summary>
public sealed record DiskMetrics
{
    /// <summary>Mount point.</summary>
    public required string Mount { get; init; }

    /// <summary>Device, for example <c>/dev/sda1</c>.</summary>
    public required string Device { get; init; }

    /// <summary>File system type.</summary>
    public required string FileSystem { get; init; }

    /// <summary>Size.</summary>
    public required long TotalBytes { get; init; }

    /// <summary>Free space, the root-reserved part included.</summary>
    public required long FreeBytes { get; init; }

    /// <summary>Free space an unprivileged user can use.</summary>
    public required long AvailableBytes { get; init; }
}
