namespace OpenDaemon.Config.Model;

/// <summary>One app (spec §3.1 ProcessConfig). Units are already parsed: durations are TimeSpan, sizes are bytes.</summary>
public sealed record ProcessConfig
{
    /// <summary>Unique name of the app.</summary>
    public required string Name { get; init; }

    /// <summary>What to run, relative to the app's working directory.</summary>
    public required string Script { get; init; }
}
