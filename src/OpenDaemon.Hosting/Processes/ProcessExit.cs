using System.Globalization;

namespace OpenDaemon.Hosting.Processes;

/// <summary>How a process ended: an exit code, or the signal that killed it.</summary>
/// <param name="ExitCode">The exit code when the process exited by itself.</param>
/// <param name="Signal">The signal number when a signal killed it.</param>
/// <param name="CoreDumped">True when the kernel wrote a core dump.</param>
/// <remarks>Both numbers are null when the status is unknown: something else reaped the process first.</remarks>
public readonly record struct ProcessExit(int? ExitCode, int? Signal, bool CoreDumped)
{
    /// <summary>The status of a process that somebody else reaped before we could.</summary>
    public static ProcessExit Unknown => default;

    /// <summary>"SIGKILL" when a signal ended the process; otherwise null.</summary>
    public string? SignalName => Signal is int signal ? Signals.Name(signal) : null;

    /// <summary>"exit code 1", "killed by SIGKILL", "killed by SIGSEGV (core dumped)" or "unknown exit status".</summary>
    public override string ToString() => (ExitCode, SignalName) switch
    {
        (int code, _) => string.Create(CultureInfo.InvariantCulture, $"exit code {code}"),
        (null, string name) => CoreDumped ? $"killed by {name} (core dumped)" : $"killed by {name}",
        _ => "unknown exit status",
    };
}
