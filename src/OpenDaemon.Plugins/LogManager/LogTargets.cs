using System.Globalization;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.LogManager.Reading;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.LogManager;

/// <summary>
/// Turns the targets of <c>od logs</c>/<c>log.*</c> (names, ids, <c>all</c>, nothing = all) into the files to
/// read and the live filter's app and instance sets.
/// </summary>
internal sealed class LogTargets(IProcessManager processes, string logDirectory)
{
    /// <summary>The instances named; every app when <paramref name="targets"/> is empty.</summary>
    public IReadOnlyList<ManagedInstance> Resolve(IReadOnlyList<string> targets) =>
        processes.Resolve(targets.Count == 0 ? ["all"] : targets);

    /// <summary>
    /// The files of <paramref name="instances"/>, each once. A file shared by instances (<c>mergeLogs</c>)
    /// is read whole when all of them are wanted and once per wanted instance otherwise.
    /// </summary>
    public IReadOnlyList<LogSource> Sources(IReadOnlyList<ManagedInstance> instances)
    {
        var sources = new Dictionary<(string Path, int? Instance), LogSource>();
        foreach (var instance in instances)
        {
            var config = instance.Config;
            var paths = LogPaths.For(config, instance.Instance, instance.InstanceCount, logDirectory);
            // A merged file holds every instance's lines: read it once, whole, when the whole app is wanted.
            var sharedFile = instance.InstanceCount > 1 && config.MergeLogs;
            var wholeApp = instances.Count(other => other.Name == instance.Name) == instance.InstanceCount;
            int? only = sharedFile && wholeApp ? null : instance.Instance;
            Add(sources, config, paths.Out, "stdout", only);
            if (paths.Err != paths.Out)
            {
                Add(sources, config, paths.Err, "stderr", only);
            }
        }

        return [.. sources.Values];
    }

    /// <summary>True when the targets name every app (none given, or <c>all</c>).</summary>
    public static bool IsAll(IReadOnlyList<string> targets) => targets.Count == 0 || targets.Contains("all", StringComparer.Ordinal);

    /// <summary>The apps named by name (followed with all their instances, also future ones) and the instances named by id.</summary>
    public (HashSet<string>? Apps, HashSet<(string, int)>? Instances) LiveSelection(IReadOnlyList<string> targets)
    {
        if (IsAll(targets))
        {
            return (null, null);
        }

        var apps = new HashSet<string>(StringComparer.Ordinal);
        var instances = new HashSet<(string, int)>();
        foreach (var target in targets.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var found = processes.Resolve([target]); // PROCESS_NOT_FOUND for a typo, as for every other command
            if (int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                instances.UnionWith(found.Select(i => (i.Name, i.Instance)));
            }
            else
            {
                apps.UnionWith(found.Select(i => i.Name));
            }
        }

        return (apps, instances);
    }

    private static void Add(Dictionary<(string, int?), LogSource> sources, ProcessConfig config, string path, string stream, int? instance) =>
        sources.TryAdd((path, instance), new LogSource(
            config.Name,
            instance,
            path,
            config.Logs?.Rotation?.Directory,
            config.Logs?.Format ?? LogFormat.Json,
            stream));
}
