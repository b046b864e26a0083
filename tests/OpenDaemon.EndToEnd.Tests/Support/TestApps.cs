using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests.Support;

/// <summary>
/// Small apps for the process commands, written into the sandbox, and reading the process table
/// back through <c>od ls --json</c>.
/// </summary>
internal static class TestApps
{
    /// <summary>
    /// A node app that stays up and, at every start, writes "pid FOO" to <c>instance-&lt;OD_INSTANCE_ID&gt;.txt</c>
    /// beside itself: proof of which process runs as which instance, with which environment.
    /// </summary>
    public const string Reporter = """
        const fs = require('fs');
        const path = require('path');
        const file = path.join(__dirname, `instance-${process.env.OD_INSTANCE_ID}.txt`);
        // A temporary file of its own: two apps of one directory share instance ids, and a shared
        // temporary name let one rename the other's file away (ENOENT, a crash, one restart too many).
        fs.writeFileSync(`${file}.${process.pid}.tmp`, `${process.pid} ${process.env.FOO ?? ''}`);
        fs.renameSync(`${file}.${process.pid}.tmp`, file);
        setInterval(() => {}, 1000);
        """;

    /// <summary>Writes "boom" on stderr and exits with code 3.</summary>
    public const string Crasher = """
        console.error('boom');
        process.exit(3);
        """;

    /// <summary>A fresh directory inside the sandbox holding <paramref name="fileName"/>; returns the directory.</summary>
    public static string Write(OdSandbox od, string fileName, string source)
    {
        var directory = Path.Combine(od.Home, "app-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, fileName), source);
        return directory;
    }

    /// <summary>What the app of <see cref="Reporter"/> wrote for an instance: its pid and FOO, or null before it ran.</summary>
    public static (int Pid, string Foo)? ReadReport(string directory, int instance)
    {
        var path = Path.Combine(directory, $"instance-{instance}.txt");
        if (!File.Exists(path))
        {
            return null;
        }

        var parts = File.ReadAllText(path).Split(' ', 2);
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts.Length > 1 ? parts[1] : "");
    }

    /// <summary>The process table as <c>od ls --json</c> prints it.</summary>
    public static async Task<IReadOnlyList<ProcessSummary>> ListAsync(OdSandbox od)
    {
        var list = await od.RunAsync("ls", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        return JsonSerializer.Deserialize(list.StandardOutput, ContractsJsonContext.Default.ProcessList)!.Processes;
    }

    /// <summary>Polls <c>od ls --json</c> until <paramref name="condition"/> holds for the table; returns that table.</summary>
    public static async Task<IReadOnlyList<ProcessSummary>> WaitForTableAsync(OdSandbox od, Func<IReadOnlyList<ProcessSummary>, bool> condition, string what)
    {
        IReadOnlyList<ProcessSummary> table = [];
        await Poll.UntilAsync(
            async () => condition(table = await ListAsync(od)),
            () => $"{what}; last table: {string.Join("; ", table.Select(p => $"{p.Id} {p.Name} {p.Status} pid {p.Pid}"))}");

        return table;
    }

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !IsZombie(pid);

    private static bool IsZombie(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) S ..." — the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
