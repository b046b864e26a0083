namespace OpenDaemon.Contracts.Processes;

/// <summary>Answer of <c>process.graph</c> (<c>od graph</c>): every app with its dependencies and state, by level.</summary>
/// <param name="Apps">The apps, level 0 (no dependencies) first.</param>
public sealed record DependencyGraphInfo(IReadOnlyList<DependencyNode> Apps);

/// <summary>One app in the dependency graph.</summary>
public sealed record DependencyNode
{
    /// <summary>App name.</summary>
    public required string Name { get; init; }

    /// <summary>0 without dependencies, else one more than the deepest dependency.</summary>
    public required int Level { get; init; }

    /// <summary>The apps it waits for.</summary>
    public required IReadOnlyList<string> Dependencies { get; init; }

    /// <summary>The state of its first instance.</summary>
    public required ProcessState Status { get; init; }

    /// <summary>Health, when it has a health check.</summary>
    public HealthStatus? Health { get; init; }

    /// <summary>Why it is in its state ("waiting: db not healthy").</summary>
    public string? Reason { get; init; }

    /// <summary>Its dependents stop before it.</summary>
    public bool CascadeStop { get; init; }

    /// <summary>Its dependents restart after it.</summary>
    public bool CascadeRestart { get; init; }
}
