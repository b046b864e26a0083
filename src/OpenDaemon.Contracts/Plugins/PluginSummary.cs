namespace OpenDaemon.Contracts.Plugins;

/// <summary>One plugin as <c>plugin.list</c> and <c>plugin.info</c> report it.</summary>
public sealed record PluginSummary
{
    /// <summary>Unique name, e.g. <c>process-manager</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The plugin's version.</summary>
    public required string Version { get; init; }

    /// <summary>One sentence on what it does.</summary>
    public required string Description { get; init; }

    /// <summary>registered, installed, running, failed, disabled or stopped.</summary>
    public required string State { get; init; }

    /// <summary>Error boundary: closed (healthy), open (tripped) or half-open (on trial).</summary>
    public required string Breaker { get; init; }

    /// <summary>Failures counted by the error boundary.</summary>
    public required int Failures { get; init; }

    /// <summary>The last failure's message, if any.</summary>
    public string? LastError { get; init; }

    /// <summary>Plugins this one needs.</summary>
    public required IReadOnlyList<string> Dependencies { get; init; }

    /// <summary>Start order among plugins whose dependencies allow either order: higher first.</summary>
    public required int Priority { get; init; }
}
