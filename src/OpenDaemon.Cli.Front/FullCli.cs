using System.Runtime.InteropServices;

namespace OpenDaemon.Cli.Front;

/// <summary>Execs <c>od-cli</c>, the whole CLI, beside this executable (or at <c>OD_CLI_PATH</c>) with the same arguments.</summary>
internal static partial class FullCli
{
    public const string FileName = "od-cli";

    /// <summary>Overrides where od-cli is (the JIT build, where the two sit in different folders).</summary>
    public const string PathVariable = "OD_CLI_PATH";

    private const int Failure = 1;

    /// <summary>Replaces this process with od-cli; returns only when that fails, with the exit code to end with.</summary>
    public static int Exec(string[] args)
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } overridden
            ? overridden
            : Path.Combine(AppContext.BaseDirectory, FileName);
        string?[] argv = [path, .. args, null];
        _ = ExecV(path, argv);
        var error = Marshal.GetLastPInvokeError();
        Console.Error.WriteLine($"UNKNOWN_ERROR: cannot run {path}: {Marshal.GetPInvokeErrorMessage(error)} — install {FileName} next to od (they are built together), or set {PathVariable}");
        return Failure;
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecV(string path, string?[] argv);
}
