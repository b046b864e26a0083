using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using OpenDaemon.Hosting.Processes;
using static OpenDaemon.Hosting.Tests.Processes.ProcessTestSupport;

namespace OpenDaemon.Hosting.Tests.Processes;

/// <summary>The Node IPC channel: the child's fd 3 is one end of a socketpair, the daemon holds the other.</summary>
[SupportedOSPlatform("linux")]
public sealed class ProcessSpawnerIpcTests
{
    [Fact]
    public async Task Spawn_WithIpcChannel_ChildWritesOnFd3AndReadsWhatTheDaemonSends()
    {
        // The child echoes the first line it reads on fd 3 back on fd 3, prefixed.
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/bin/sh",
            Arguments = ["-c", "read line <&3; echo \"got $line\" >&3"],
            WorkingDirectory = "/",
            Environment = MinimalEnvironment,
            IpcChannel = true,
        });
        var channel = Assert.IsType<Socket>(process.Channel);

        await channel.SendAsync(Encoding.UTF8.GetBytes("\"shutdown\"\n"), SocketFlags.None).WaitAsync(TestTimeouts.Short);
        var answer = await ReadToEndAsync(channel);

        Assert.Equal("got \"shutdown\"\n", answer);
        Assert.Equal(new ProcessExit(0, null, false), await ExitedAsync(process));
    }

    [Fact]
    public async Task Spawn_WithoutIpcChannel_ChildHasNoFd3()
    {
        using SpawnedProcess process = SpawnSh("[ -e /proc/self/fd/3 ] && exit 1; exit 0");

        Assert.Null(process.Channel);
        Assert.Equal(new ProcessExit(0, null, false), await ExitedAsync(process));
    }
}
