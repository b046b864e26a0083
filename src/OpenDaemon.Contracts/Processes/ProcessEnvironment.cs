namespace OpenDaemon.Contracts.Processes;

/// <summary>Answer of <c>process.env</c>: the environment an instance gets, secrets masked.</summary>
public sealed record ProcessEnvironment
{
    /// <summary>App name.</summary>
    public required string Name { get; init; }

    /// <summary>Variables in name order.</summary>
    public required IReadOnlyList<EnvironmentVariable> Variables { get; init; }
}

/// <summary>One variable; <see cref="Masked"/> values are never sent.</summary>
/// <param name="Name">Variable name.</param>
/// <param name="Value">Value, or <c>****</c> when masked.</param>
/// <param name="Source"><c>daemon</c>, <c>config</c>, <c>secret</c>, <c>set</c> or <c>od</c> (set by OpenDaemon itself).</param>
/// <param name="Masked">True when the value is a secret.</param>
public sealed record EnvironmentVariable(string Name, string Value, string Source, bool Masked);

/// <summary>Parameters of <c>process.set</c>: one environment variable of an app.</summary>
public sealed record ProcessSetParams(string Target, string Key, string Value);

/// <summary>Answer of <c>process.save</c>.</summary>
public sealed record ProcessSaveResult(string Path, int Apps, int Instances);
