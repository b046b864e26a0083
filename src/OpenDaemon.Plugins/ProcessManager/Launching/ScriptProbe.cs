namespace OpenDaemon.Plugins.ProcessManager.Launching;

/// <summary>
/// What runs a script file that has no configured interpreter and no extension we infer one from,
/// so that files PM2 runs run here too: an executable with a shebang (or a binary) runs directly; a
/// shell, Ruby, PHP or Perl file by its extension (PM2's interpreter.json); a file with a shebang but
/// no exec bit through the shebang's program; any other text file with node — PM2's rule, which is
/// what makes Express's extensionless <c>bin/www</c> work.
/// </summary>
internal static class ScriptProbe
{
    private const int HeadBytes = 512;

    /// <summary>The interpreter and its leading arguments; null interpreter to execute the file itself.</summary>
    public static (string? Interpreter, IReadOnlyList<string> Arguments) Probe(string path)
    {
        var head = ReadHead(path);
        var shebang = head.AsSpan().StartsWith("#!"u8);
        var binary = head.AsSpan().IndexOf((byte)0) >= 0;
        if (IsExecutable(path) && (shebang || binary))
        {
            return (null, []);
        }

        if (ByExtension(path) is { } interpreter)
        {
            return (interpreter, []);
        }

        if (shebang && Shebang(head) is { Count: > 0 } words)
        {
            return (words[0], words[1..]);
        }

        return binary ? (null, []) : ("node", []);
    }

    private static string? ByExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".sh" => "bash",
        ".rb" => "ruby",
        ".php" => "php",
        ".pl" => "perl",
        ".coffee" => "coffee",
        _ => null,
    };

    // "#!/usr/bin/env node" → ["/usr/bin/env", "node"]; Linux passes the rest of the line as one argument,
    // but env -S style lines are rare enough that splitting on blanks is the useful reading.
    private static List<string> Shebang(byte[] head)
    {
        var end = Array.IndexOf(head, (byte)'\n');
        var line = System.Text.Encoding.UTF8.GetString(head, 2, (end < 0 ? head.Length : end) - 2);
        return [.. line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)];
    }

    private static byte[] ReadHead(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            var buffer = new byte[HeadBytes];
            var read = file.ReadAtLeast(buffer, HeadBytes, throwOnEndOfStream: false);
            return buffer[..read];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return []; // unreadable: executing it says what is wrong
        }
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
