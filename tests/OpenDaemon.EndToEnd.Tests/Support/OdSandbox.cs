using System.Diagnostics;
using OpenDaemon.Hosting.Locking;

namespace OpenDaemon.EndToEnd.Tests.Support;

/// <summary>
/// A private OpenDaemon installation for one test: its own short temporary <c>OD_HOME</c> (socket,
/// PID file and lock live inside it), and helpers that run the real <c>od</c> binary against it.
/// Disposal stops any daemon still running there, by force if need be, and deletes the directory.
/// </summary>
internal sealed class OdSandbox : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly List<Process> _children = [];

    public OdSandbox()
    {
        // Unix socket paths are limited to ~108 bytes: keep the home short and under /tmp.
        Home = Directory.CreateTempSubdirectory("od-e2e-").FullName;
    }

    public string Home { get; }

    public string SocketPath => Path.Combine(Home, "daemon.sock");

    public string PidPath => Path.Combine(Home, "daemon.pid");

    public string LockPath => Path.Combine(Home, "daemon.lock");

    public bool DaemonHoldsLock => PidLock.IsHeld(LockPath);

    /// <summary>Extra environment for every <c>od</c> run (and so for the daemon it starts), e.g. OD_CGROUPS=off.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs <c>od</c> to completion and captures its output.</summary>
    public Task<CliResult> RunAsync(params string[] arguments) => RunInAsync(Home, arguments);

    /// <summary>Runs <c>od</c> in <paramref name="workingDirectory"/> (for commands that discover files there).</summary>
    public async Task<CliResult> RunInAsync(string workingDirectory, params string[] arguments)
    {
        using var process = Launch(arguments, workingDirectory);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs <c>od</c> with extra (or overriding) environment variables, e.g. <c>OD_SOCKET</c>.</summary>
    public async Task<CliResult> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Launch(arguments, Home, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>od</c> and leaves it running (e.g. <c>od daemon run</c>). The sandbox owns it: killed and disposed on dispose.</summary>
    public Process Start(params string[] arguments)
    {
        var process = Launch(arguments, Home);
        _children.Add(process);
        return process;
    }

    private Process Launch(string[] arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(OdBinary.Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["OD_HOME"] = Home;
        startInfo.Environment.Remove("OD_SOCKET");
        startInfo.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in Environment)
        {
            startInfo.Environment[name] = value;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }
        return Process.Start(startInfo) ?? throw new InvalidOperationException("od did not start");
    }

    public int? ReadDaemonPid() =>
        File.Exists(PidPath) && int.TryParse(File.ReadAllText(PidPath).Trim(), out var pid) ? pid : null;

    public async ValueTask DisposeAsync()
    {
        if (DaemonHoldsLock)
        {
            var stop = await RunAsync("daemon", "stop");
            if (stop.ExitCode != 0 && ReadDaemonPid() is { } pid)
            {
                KillQuietly(pid);
            }
        }

        foreach (var child in _children)
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }

            child.Dispose();
        }

        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A daemon killed a moment ago may still be closing its log; the OS cleans /tmp.
        }
    }

    private static void KillQuietly(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }
}
