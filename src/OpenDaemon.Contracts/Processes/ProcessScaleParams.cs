namespace OpenDaemon.Contracts.Processes;

/// <summary>Parameters of <c>process.scale</c>: an app and its new instance count.</summary>
public sealed record ProcessScaleParams
{
    /// <summary>The app's name.</summary>
    public required string Target { get; init; }

    /// <summary>
    /// <c>"3"</c> (that many instances), <c>"+2"</c> (two more) or <c>"-1"</c> (one fewer), as PM2's
    /// <c>pm2 scale app 3</c>. The result must be at least 1.
    /// </summary>
    public required string Instances { get; init; }
}
