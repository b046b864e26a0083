namespace OpenDaemon.Contracts.Watch;

/// <summary>Answer of <c>watch.list</c>: every app with <c>watch</c> and what its watcher does.</summary>
/// <param name="Apps">The watched apps, by name.</param>
public sealed record WatchList(IReadOnlyList<WatchedApp> Apps);

/// <summary>One app's watcher (shown by <c>od info</c>).</summary>
public sealed record WatchedApp
{
    /// <summary>The app's name.</summary>
    public required string Name { get; init; }

    /// <summary>The directories watched (recursively) now.</summary>
    public required IReadOnlyList<string> Watching { get; init; }

    /// <summary>Configured paths that do not exist and are not watched.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>Patterns ignored on top of the defaults (<c>node_modules</c>, <c>.git</c>, the app's own logs).</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Quiet time after the last change before the restart, in ms.</summary>
    public required long DelayMs { get; init; }

    /// <summary>Why the app is only partly watched (the inotify limit), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>Restarts the watcher made.</summary>
    public int Restarts { get; init; }

    /// <summary>When the last of them began.</summary>
    public DateTimeOffset? LastRestartAt { get; init; }

    /// <summary>The first changed path of the burst that caused it.</summary>
    public string? LastChangedPath { get; init; }
}
