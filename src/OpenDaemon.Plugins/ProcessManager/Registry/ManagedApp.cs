using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager.Registry;

/// <summary>An app: its configuration, its environment overrides and its instances (actors).</summary>
/// <remarks>
/// <see cref="Instances"/> is an immutable list replaced as a whole (od scale adds and removes instances
/// while od ls reads them from another thread); only holders of the table's gate replace it.
/// </remarks>
internal sealed class ManagedApp(ProcessConfig config, IReadOnlyDictionary<string, string> overrides)
{
    private volatile IReadOnlyList<InstanceActor> _instances = [];

    public string Name => Config.Name;

    public ProcessConfig Config { get; private set; } = config;

    /// <summary>Variables set with <c>--setenv</c> or <c>od set</c>, on top of the config's env.</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; private set; } = overrides;

    /// <summary>The instances, ordered by index (0, 1, ...).</summary>
    public IReadOnlyList<InstanceActor> Instances => _instances;

    /// <summary>Changes take effect at each instance's next spawn.</summary>
    public void Update(ProcessConfig config, IReadOnlyDictionary<string, string> overrides)
    {
        Config = config;
        Overrides = overrides;
        var instances = _instances;
        foreach (var instance in instances)
        {
            instance.Update(config, overrides, instances.Count);
        }
    }

    /// <summary>Replaces the instance list (creation and od scale; the caller holds the table's gate).</summary>
    public void SetInstances(IReadOnlyList<InstanceActor> instances) => _instances = [.. instances.OrderBy(instance => instance.Instance)];
}
