using System.Diagnostics;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// Issue 12, part 1: nothing another user prepared is trusted. As root, "another user" is uid 65534
/// (nobody): files are chown-ed to it, or a listener runs as it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SafeHomeTests
{
    private const int Nobody = 65534;

    [RootFact]
    public async Task Ping_HomeOwnedByAnotherUserWithSymlinkedLock_RefusesAndLeavesTargetIntact()
    {
        await using var od = new OdSandbox();
        var home = Path.Combine(od.Home, "h");
        var victim = Path.Combine(od.Home, "victim");
        File.WriteAllText(victim, "root's file\n");
        Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.CreateSymbolicLink(Path.Combine(home, "daemon.lock"), victim);
        Chown(home, Nobody);
        Chown(Path.Combine(home, "daemon.lock"), Nobody);

        var ping = await od.RunWithEnvironmentAsync(new Dictionary<string, string> { ["OD_HOME"] = home }, "ping");

        Assert.True(ping.ExitCode == 1, ping.ToString());
        Assert.StartsWith("UNSAFE_PATH:", ping.StandardError, StringComparison.Ordinal);
        Assert.Contains($"belongs to uid {Nobody}", ping.StandardError, StringComparison.Ordinal);
        Assert.Equal("root's file\n", File.ReadAllText(victim));
        Assert.DoesNotContain("   at ", ping.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_SymlinkedLockInOwnHome_RefusesAndLeavesTargetIntact()
    {
        await using var od = new OdSandbox();
        var victim = Path.Combine(Path.GetTempPath(), $"odv-{Guid.NewGuid():N}");
        File.WriteAllText(victim, "precious\n");
        try
        {
            File.CreateSymbolicLink(od.LockPath, victim);

            var ping = await od.RunAsync("ping");

            Assert.True(ping.ExitCode == 1, ping.ToString());
            Assert.StartsWith("UNSAFE_PATH:", ping.StandardError, StringComparison.Ordinal);
            Assert.Contains("symbolic link", ping.StandardError, StringComparison.Ordinal);
            Assert.Equal("precious\n", File.ReadAllText(victim));
        }
        finally
        {
            File.Delete(od.LockPath); // the link: the sandbox's own clean-up probes the lock
            File.Delete(victim);
        }
    }

    [Fact]
    public async Task Ping_GroupWritableHome_RefusesWithChmodHint()
    {
        await using var od = new OdSandbox();
        File.SetUnixFileMode(od.Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);

        var ping = await od.RunAsync("ping");

        Assert.True(ping.ExitCode == 1, ping.ToString());
        Assert.StartsWith("UNSAFE_PATH:", ping.StandardError, StringComparison.Ordinal);
        Assert.Contains("chmod go-w", ping.StandardError, StringComparison.Ordinal);
        Assert.False(od.DaemonHoldsLock);
    }

    [RootFact]
    public async Task Start_SocketBoundByAnotherUser_RefusesBeforeSendingAnything()
    {
        await using var od = new OdSandbox();
        var shared = Directory.CreateTempSubdirectory("od-s-").FullName;
        File.SetUnixFileMode(shared, (UnixFileMode)0x1FF);
        var socket = Path.Combine(shared, "s");
        using var listener = StartListenerAsNobody(socket);
        try
        {
            Assert.Equal("ready", await listener.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));

            var start = await od.RunWithEnvironmentAsync(
                new Dictionary<string, string> { ["OD_SOCKET"] = socket },
                "start", "/bin/sleep", "--name", "db", "--setenv", "DB_PASSWORD=hunter2", "--", "100");

            Assert.True(start.ExitCode == 1, start.ToString());
            Assert.StartsWith("UNTRUSTED_DAEMON:", start.StandardError, StringComparison.Ordinal);
            Assert.Contains($"uid {Nobody}", start.StandardError, StringComparison.Ordinal);
            Assert.Equal("received 0", await listener.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            if (!listener.HasExited)
            {
                listener.Kill();
            }

            Directory.Delete(shared, recursive: true);
        }
    }

    [Fact]
    public async Task Start_App_LogsAndRuntimeFilesArePrivate()
    {
        await using var od = new OdSandbox();

        var start = await od.RunAsync("start", "/bin/sh", "--name", "talker", "--", "-c", "echo hello; exec sleep 100");
        Assert.True(start.ExitCode == 0, start.ToString());
        var log = Path.Combine(od.Home, "logs", "talker-out.log");
        await Poll.UntilAsync(() => File.Exists(log) && new FileInfo(log).Length > 0, "the app's log file");

        const UnixFileMode Directory0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(Directory0700, File.GetUnixFileMode(Path.Combine(od.Home, "logs")));
        foreach (var file in Directory.GetFiles(Path.Combine(od.Home, "logs")).Append(od.PidPath).Append(od.LockPath).Append(Path.Combine(od.Home, "daemon.log")))
        {
            Assert.True(File.GetUnixFileMode(file) == File0600, $"{file} is {File.GetUnixFileMode(file)}");
        }

        var socketMode = File.GetUnixFileMode(od.SocketPath);
        Assert.Equal(File0600, socketMode);
    }

    private static Process StartListenerAsNobody(string socket)
    {
        const string Script = """
            import os, socket, sys
            os.setgid(65534); os.setuid(65534)
            s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1)
            print("ready", flush=True)
            c, _ = s.accept(); c.settimeout(20)
            data = c.recv(100)
            print("received", len(data), flush=True)
            """;
        var startInfo = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(Script);
        startInfo.ArgumentList.Add(socket);
        return Process.Start(startInfo) ?? throw new InvalidOperationException("python3 did not start");
    }

    [RootFact]
    public async Task Ping_HomeItsOwnerCannotRead_IsHomeUnreadableWithTheFix()
    {
        // As nobody, in a home of nobody's that is chmod 000 (root could read it anyway).
        var directory = Path.Combine("/tmp", "od-unreadable-" + Guid.NewGuid().ToString("N")[..8]);
        var home = Path.Combine(directory, "home");
        Directory.CreateDirectory(home);
        try
        {
            Chown(directory, Nobody);
            Chown(home, Nobody);
            File.SetUnixFileMode(home, UnixFileMode.None);

            var ping = await AsNobody.RunOdAsync(directory, new Dictionary<string, string?> { ["OD_HOME"] = home, ["OD_SOCKET"] = null }, groups: null, "ping");

            Assert.True(ping.ExitCode == 1, ping.ToString());
            Assert.Contains($"HOME_UNREADABLE: OD_HOME {home} cannot be read or written by this user", ping.StandardError, StringComparison.Ordinal);
            Assert.Contains($"chmod u+rwx {home}", ping.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Chown(string path, int uid)
    {
        using var chown = Process.Start("chown", ["-h", $"{uid}:{uid}", path]);
        chown.WaitForExit(10_000);
        Assert.Equal(0, chown.ExitCode);
    }
}
