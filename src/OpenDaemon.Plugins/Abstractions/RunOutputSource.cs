using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.Abstractions;

/// <summary>Whose output a run is.</summary>
/// <param name="Config">The app's configuration (name, log files, log options).</param>
/// <param name="Instance">Instance number within the app, from 0.</param>
/// <param name="InstanceCount">How many instances the app has (decides the per-instance file suffix).</param>
/// <param name="Pid">The run's process id.</param>
public sealed record RunOutputSource(ProcessConfig Config, int Instance, int InstanceCount, int Pid);
