using OpenDaemon.Config.Model;

namespace OpenDaemon.Config;

/// <summary>
/// What <c>ConfigLoader.LoadAsync</c> found: the parsed configuration when it is valid,
/// otherwise every problem at once, plus warnings either way.
/// </summary>
/// <param name="SourcePath">Full path of the file that was read.</param>
/// <param name="Format">How it was read.</param>
/// <param name="Config">The configuration, or null when there are problems.</param>
/// <param name="Problems">Every syntax and validation problem, in file order where known.</param>
/// <param name="Warnings">Accepted but noteworthy things, such as unsupported PM2 fields.</param>
public sealed record ConfigLoadResult(
    string SourcePath,
    ConfigFormat Format,
    OpenDaemonConfig? Config,
    IReadOnlyList<ConfigProblem> Problems,
    IReadOnlyList<ConfigWarning> Warnings)
{
    /// <summary>True when the configuration parsed and has no problems.</summary>
    public bool IsValid => Config is not null && Problems.Count == 0;
}
