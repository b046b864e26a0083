using OpenDaemon.Config;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Registry;

/// <summary>
/// PM2's verbs by file: <c>od stop|restart|delete ecosystem.config.js</c> act on the apps that file
/// defines. The CLI sends such a target as an absolute path; here it becomes those app names.
/// </summary>
internal static class ConfigFileTargets
{
    /// <summary>Targets with every configuration file path replaced by the names of its apps that <paramref name="table"/> manages.</summary>
    public static async Task<IReadOnlyList<string>> ExpandAsync(ProcessTable table, IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        if (!targets.Any(IsConfigFileTarget))
        {
            return targets;
        }

        List<string> expanded = [];
        foreach (var target in targets)
        {
            if (!IsConfigFileTarget(target))
            {
                expanded.Add(target);
                continue;
            }

            var names = await AppNamesOfAsync(target, cancellationToken).ConfigureAwait(false);
            var known = names.Where(name => table.Find(name) is not null).ToList();
            expanded.AddRange(known.Count > 0
                ? known
                : throw new DaemonException(
                    ErrorCode.ProcessNotFound,
                    $"none of the apps of {target} ({string.Join(", ", names)}) is managed by the daemon",
                    $"start them with 'od start {target}'"));
        }

        return expanded;
    }

    private static bool IsConfigFileTarget(string target) =>
        Path.IsPathFullyQualified(target) && File.Exists(target) && ConfigLoader.LooksLikeConfigFile(target);

    /// <summary>Whether a <c>process.start</c> names a configuration file (then apps that run are restarted, as PM2's startOrRestart).</summary>
    public static bool IsConfigFileStart(ProcessStartParams request) =>
        Path.GetFullPath(request.Target, request.WorkingDirectory) is var path && File.Exists(path) && ConfigLoader.LooksLikeConfigFile(path);

    private static async Task<IReadOnlyList<string>> AppNamesOfAsync(string path, CancellationToken cancellationToken)
    {
        var result = await ConfigLoader.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        return result is { IsValid: true, Config: { } config }
            ? [.. config.Apps.Select(app => app.Name)]
            : throw new DaemonException(
                ErrorCode.ConfigValidationError,
                $"{path} has {result.Problems.Count} problem(s); the first: {result.Problems.FirstOrDefault()}",
                $"see them all with 'od validate {path}'");
    }
}
