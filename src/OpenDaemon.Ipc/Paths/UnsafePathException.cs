namespace OpenDaemon.Ipc.Paths;

/// <summary>
/// A directory or file the daemon would keep its state in is not safe: a symlink, owned by another
/// user, or writable by others, so another user could redirect or replace what the daemon writes.
/// </summary>
public sealed class UnsafePathException : IOException
{
    /// <summary>Creates the exception: <paramref name="problem"/> is a sentence about <paramref name="path"/>.</summary>
    public UnsafePathException(string path, string problem, string hint)
        : base($"{path} {problem}")
    {
        Path = path;
        Problem = problem;
        Hint = hint;
    }

    /// <summary>What is wrong with it, as the end of a sentence about it ("is a symbolic link").</summary>
    public string Problem { get; }

    /// <summary>The offending path.</summary>
    public string Path { get; }

    /// <summary>How to fix it.</summary>
    public string Hint { get; }
}
