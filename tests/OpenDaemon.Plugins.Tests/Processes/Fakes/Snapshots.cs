using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.Tests.Processes.Fakes;

/// <summary>Instance snapshots for tests that need one without an actor.</summary>
internal static class Snapshots
{
    public static InstanceSnapshot Of(ProcessConfig config, ProcessState state, int id = 0) => new()
    {
        Id = id,
        Instance = 0,
        InstanceCount = 1,
        Config = config,
        Overrides = new Dictionary<string, string>(),
        State = state,
        History = [],
        Readiness = new ProcessReadiness(),
        Logs = new ProcessLogPaths("out.log", "err.log"),
    };
}
