using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.Abstractions;

/// <summary>One instance as other plugins see it.</summary>
/// <param name="Id">Instance id in the daemon.</param>
/// <param name="Instance">Instance number within the app, from 0.</param>
/// <param name="InstanceCount">How many instances the app has.</param>
/// <param name="Config">The app's configuration.</param>
public sealed record ManagedInstance(int Id, int Instance, int InstanceCount, ProcessConfig Config)
{
    /// <summary>The app's name.</summary>
    public string Name => Config.Name;
}
