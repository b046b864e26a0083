using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager.Registry;

/// <summary>An app: its configuration, its environment overrides and its instances (actors).</summary>
internal sealed class ManagedApp(ProcessConfig config, IReadOnlyDictionary<string, string> overrides)
{
    public string Name => Config.Name;

    public ProcessConfig Config { get; private set; } = config;

    /// <summary>Variables set with <c>--setenv</c> or <c>od set</c>, on top of the config's env.</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; private set; } = overrides;

    public List<InstanceActor> Instances { get; } = [];

    /// <summary>Changes take effect at each instance's next spawn.</summary>
    public void Update(ProcessConfig config, IReadOnlyDictionary<string, string> overrides)
    {
        Config = config;
        Overrides = overrides;
        foreach (var instance in Instances)
        {
            instance.Update(config, overrides, Instances.Count);
        }
    }
}
