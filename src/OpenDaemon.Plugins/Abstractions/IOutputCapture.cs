using System.Net.Sockets;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.Abstractions;

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
