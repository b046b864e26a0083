using System.Net.Sockets;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager;

/// <summary>
/// Where a run's stdout and stderr go. The process manager hands each run's two sockets to it; the
/// <c>log-manager</c> plugin implements it (structured entries, rotation, followers).
/// </summary>
public interface IOutputCapture
{
    /// <summary>The files an instance's output is written to (also shown by <c>od info</c>).</summary>
    ProcessLogPaths PathsFor(ProcessConfig config, int instance, int instanceCount);

    /// <summary>
    /// Starts reading one run's output. Never throws for I/O: a log that cannot be written is
    /// reported in the daemon log and the output is still drained, so the app never blocks on a full pipe.
    /// </summary>
    IRunOutput Capture(RunOutputSource source, Socket stdout, Socket stderr);
}

/// <summary>Whose output a run is.</summary>
/// <param name="Config">The app's configuration (name, log files, log options).</param>
/// <param name="Instance">Instance number within the app, from 0.</param>
/// <param name="InstanceCount">How many instances the app has (decides the per-instance file suffix).</param>
/// <param name="Pid">The run's process id.</param>
public sealed record RunOutputSource(ProcessConfig Config, int Instance, int InstanceCount, int Pid);

/// <summary>One run's capture.</summary>
public interface IRunOutput
{
    /// <summary>Completes when both streams reached end of file and every line was handed to its log file.</summary>
    Task Completion { get; }

    /// <summary>
    /// The run's last lines (at most 200, both streams, oldest first, each as
    /// <c>"&lt;stdout|stderr&gt; &lt;text&gt;"</c>), kept with the exit record of an abnormal exit.
    /// </summary>
    IReadOnlyList<string> LastLines();
}
