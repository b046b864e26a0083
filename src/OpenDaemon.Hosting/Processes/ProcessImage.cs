using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>Replaces the running program with another one in the same process (execv(2)): same pid, environment and descriptors not marked close-on-exec.</summary>
public static class ProcessImage
{
    /// <summary>Execs <paramref name="path"/> with <paramref name="arguments"/> (argv, argv[0] included); returns only on failure, with the errno.</summary>
    public static int Replace(string path, IReadOnlyList<string> arguments)
    {
        using var argv = NativeStringArray.Create(arguments);
        return LibC.ExecV(path, argv.Pointer);
    }
}
