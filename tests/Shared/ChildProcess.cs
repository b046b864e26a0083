using System.Diagnostics;

namespace OpenDaemon.Testing;

/// <summary>
/// A real child process driven line by line over stdin/stdout. Disposing kills it (SIGKILL) if it is
/// still running and waits for it, so no test leaves a process behind.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="fileName"/> with redirected stdin/stdout.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}."));
    }

    /// <summary>Environment variable that tells a test assembly started as a child which mode to run.</summary>
    public const string ModeVariable = "OD_TEST_CHILD_MODE";

    /// <summary>
    /// Starts this test assembly as a child whose module initializer runs <paramref name="mode"/>
    /// (each test project's <c>ChildEntryPoint</c> reads <see cref="ModeVariable"/>): the child
    /// exercises our real code in another process.
    /// </summary>
    public static ChildProcess StartDotnetChild(string mode, params string[] arguments)
    {
        string host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        return Start(
            host,
            // This file is compiled into each test assembly, so the executing assembly is that one.
            ["exec", System.Reflection.Assembly.GetExecutingAssembly().Location, .. arguments],
            new Dictionary<string, string> { [ModeVariable] = mode });
    }

    public async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string? line = await _process.StandardOutput.ReadLineAsync(cts.Token);
        return line ?? throw new InvalidOperationException($"Child {Pid} closed stdout (exited: {_process.HasExited}).");
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Closes stdin: the child helpers treat that as "exit now".</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>SIGKILL: the process gets no chance to clean up, as in a crash.</summary>
    public void Kill() => _process.Kill();

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await WaitForExitAsync(TestTimeouts.Short);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
