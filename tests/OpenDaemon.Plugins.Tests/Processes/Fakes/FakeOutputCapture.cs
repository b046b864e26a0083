using System.Net.Sockets;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.Tests.Processes.Fakes;

/// <summary>Captures nothing: every run's output is already drained.</summary>
internal sealed class FakeOutputCapture : IOutputCapture
{
    public ProcessLogPaths PathsFor(ProcessConfig config, int instance, int instanceCount) => new($"{config.Name}-out.log", $"{config.Name}-err.log");

    public IRunOutput Capture(RunOutputSource source, Socket stdout, Socket stderr) => new Drained();

    private sealed class Drained : IRunOutput
    {
        public Task Completion => Task.CompletedTask;

        public IReadOnlyList<string> LastLines() => ["stderr the last line"];
    }
}
