namespace OpenDaemon.Contracts.Config;

/// <summary>Answer to <c>daemon.reload</c>: what changed between the running and the re-read configuration.</summary>
public sealed record ConfigReloadResult
{
    /// <summary>The file that was re-read.</summary>
    public required string File { get; init; }

    /// <summary>Apps present now but not before.</summary>
    public required IReadOnlyList<string> Added { get; init; }

    /// <summary>Apps present before but not now.</summary>
    public required IReadOnlyList<string> Removed { get; init; }

    /// <summary>Apps whose configuration differs.</summary>
    public required IReadOnlyList<string> Changed { get; init; }

    /// <summary>Apps with identical configuration.</summary>
    public required IReadOnlyList<string> Unchanged { get; init; }

    /// <summary>Warnings from loading (for example unsupported PM2 fields).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}
