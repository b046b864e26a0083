using System.Globalization;
using System.Net.Sockets;
using System.Text;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Hosting.Tests.Support;

namespace OpenDaemon.Hosting.Tests.Processes;

/// <summary>Requests, output reading and /proc probes shared by the process-layer tests.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class ProcessTestSupport
{
    public static readonly IReadOnlyDictionary<string, string> MinimalEnvironment = new Dictionary<string, string>
    {
        ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    };

    public static SpawnRequest Sh(string script, IReadOnlyDictionary<string, string>? environment = null) => new()
    {
        FileName = "/bin/sh",
        Arguments = ["-c", script],
        WorkingDirectory = "/",
        Environment = environment ?? MinimalEnvironment,
    };

    public static SpawnedProcess SpawnSh(string script) => ProcessSpawner.Instance.Spawn(Sh(script));

    /// <summary>
    /// Writes a stand-in for the od binary as ShimExecutable: a script that re-runs this test assembly
    /// in <see cref="ChildEntryPoint.ExecShimMode"/>, so the child runs the real <see cref="ExecShim.Run"/>.
    /// Requests using it need <see cref="HostEnvironment"/> (the shim is `dotnet exec`).
    /// </summary>
    public static string WriteShimScript(TempDirectory directory)
    {
        string path = directory.File("od");
        File.WriteAllText(path, $"""
            #!/bin/sh
            [ "$1" = "{ExecShim.CommandName}" ] || exit 64
            shift
            export {ChildEntryPoint.ModeVariable}={ChildEntryPoint.ExecShimMode}
            exec '{DotnetHost()}' exec '{typeof(ChildEntryPoint).Assembly.Location}' "$@"
            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>This test host's environment (DOTNET_ROOT and the like), for children that are .NET processes.</summary>
    public static Dictionary<string, string> HostEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);

    /// <summary>Reads until the peer's end is closed by every process that holds it.</summary>
    public static async Task<string> ReadToEndAsync(Socket socket, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeouts.Short);
        var text = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            int count = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            if (count == 0)
            {
                return Encoding.UTF8.GetString(text.ToArray());
            }

            text.Write(buffer, 0, count);
        }
    }

    /// <summary>Reads one line (up to '\n', without it) from a child's output.</summary>
    public static async Task<string> ReadLineAsync(Socket socket, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeouts.Short);
        var line = new List<byte>();
        byte[] one = new byte[1];
        while (await socket.ReceiveAsync(one, SocketFlags.None, cts.Token) == 1)
        {
            if (one[0] == '\n')
            {
                return Encoding.UTF8.GetString(line.ToArray());
            }

            line.Add(one[0]);
        }

        throw new InvalidOperationException($"the child closed its output after '{Encoding.UTF8.GetString(line.ToArray())}'");
    }

    public static async Task<ProcessExit> ExitedAsync(SpawnedProcess process, TimeSpan? timeout = null) =>
        await process.Exited.WaitAsync(timeout ?? TestTimeouts.Short);

    /// <summary>The state letter of <paramref name="pid"/> (R, S, Z, ...) or null when it is gone from /proc.</summary>
    public static char? State(int pid)
    {
        string? stat = ReadStat(pid);
        return stat is null ? null : stat[stat.LastIndexOf(')') + 2];
    }

    /// <summary>Fields after comm: index 0 is field 3 (state), 1 ppid, 2 pgrp, 3 session, ...</summary>
    public static string[]? StatFields(int pid) => ReadStat(pid) is string stat ? stat[(stat.LastIndexOf(')') + 2)..].Split(' ') : null;

    /// <summary>Every pid whose session id is <paramref name="session"/>.</summary>
    public static List<int> SessionMembers(int session)
    {
        var members = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && StatFields(pid) is { } fields
                && fields[3] == session.ToString(CultureInfo.InvariantCulture))
            {
                members.Add(pid);
            }
        }

        return members;
    }

    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            return path;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(':')
            .Select(directory => Path.Join(directory, "dotnet"))
            .First(File.Exists);
    }

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
