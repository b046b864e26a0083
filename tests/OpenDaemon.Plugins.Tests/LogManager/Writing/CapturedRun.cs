using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.LogManager;
using OpenDaemon.Plugins.LogManager.Writing;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.LogManager.Writing;

/// <summary>A real <c>sh -c</c> child whose stdout and stderr sockets go through a <see cref="RunCapture"/>.</summary>
internal sealed class CapturedRun : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    };

    private CapturedRun(SpawnedProcess process, RunCapture capture)
    {
        Process = process;
        Capture = capture;
    }

    public SpawnedProcess Process { get; }

    public RunCapture Capture { get; }

    public static ProcessConfig App(string name, LogConfig? logs = null) =>
        new() { Name = name, Script = "/bin/sh", Logs = logs ?? new LogConfig { Rotation = new RotationConfig { Enabled = false } } };

    public static CapturedRun Start(string script, ProcessConfig config, ProcessLogPaths paths, LogWriterRegistry writers, ILogTap? tap = null)
    {
        var process = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/bin/sh",
            Arguments = ["-c", script],
            WorkingDirectory = "/",
            Environment = Environment,
        });
        var capture = RunCapture.Start(new RunOutputSource(config, 0, 1, process.Pid), process.StandardOutput, process.StandardError, paths, writers, tap ?? new RecordingTap(active: false));
        return new CapturedRun(process, capture);
    }

    /// <summary>Waits for the capture to complete and the child to be reaped.</summary>
    public async Task<ProcessExit> CompleteAsync()
    {
        await Capture.Completion.WaitAsync(TestTimeouts.Process);
        return await Process.Exited.WaitAsync(TestTimeouts.Process);
    }

    public void Dispose()
    {
        if (!Process.Exited.IsCompleted)
        {
            Signals.SendToGroup(Process.Pid, 9);
        }

        Process.Dispose();
    }
}
