namespace OpenDaemon.Contracts.Processes;

/// <summary>Parameters of stop/restart/delete/info/env: app names, instance ids, or <c>all</c>.</summary>
public sealed record ProcessTargetParams
{
    /// <summary>
    /// Names, ids, namespaces or <c>all</c>; at least one. An absolute path to a configuration file
    /// (<c>/srv/api/ecosystem.config.js</c>) stands for the apps that file defines.
    /// </summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>
    /// Restart only (<c>--update-env</c>, as PM2): the caller's environment, which the apps take before
    /// restarting. Their configured <c>env</c> and variables set with <c>od set</c> still win. Null keeps
    /// the environment they have.
    /// </summary>
    public IReadOnlyDictionary<string, string>? UpdateEnv { get; init; }
}
