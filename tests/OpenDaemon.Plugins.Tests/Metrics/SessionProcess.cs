using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.Tests.Metrics;

/// <summary>
/// A real process tree in a session of its own, started as the daemon starts apps (ProcessSpawner:
/// its pid is the session and process group id). Killed with its whole group on dispose.
/// </summary>
/// <remarks>
/// Not System.Diagnostics.Process with `setsid`: a runtime child that leaves our session looks like an
/// adopted orphan to the subreaper other tests in this host enable, which reaps it, and the runtime
/// then fails fast ("Error while reaping child. errno = 10") and takes the whole test host down.
/// </remarks>
internal sealed class SessionProcess : IDisposable
{
    private readonly SpawnedProcess _process;

    public SessionProcess(string script)
    {
        _process = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/bin/sh",
            Arguments = ["-c", script],
            WorkingDirectory = "/",
            Environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" },
        });
    }

    public int Pid => _process.Pid;

    public void Dispose()
    {
        Signals.SendToGroup(Pid, Signals.Parse("SIGKILL"));
        _process.Dispose();
    }
}
