using System.Runtime.Versioning;
using System.Text;
using OpenDaemon.Hosting.Processes;
using static OpenDaemon.Hosting.Tests.Processes.ProcessTestSupport;

namespace OpenDaemon.Hosting.Tests.Processes;

[SupportedOSPlatform("linux")]
public sealed class NotifySocketTests : IDisposable
{
    private const string SystemdNotify = "/usr/bin/systemd-notify";
    private const string PythonNotify = """
        import os, socket
        address = os.environ["NOTIFY_SOCKET"]
        if address.startswith("@"):
            address = "\0" + address[1:]
        s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        s.sendto(b"READY=1\nSTATUS=Listening on 8080\nMAINPID=4242\n", address)
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ReceiveAsync_PythonSendsReadyToFilePath_MessageArrives()
    {
        using NotifySocket socket = NotifySocket.Bind(_dir.File("notify.sock"));

        NotifyMessage message = await SendFromPythonAsync(socket);

        Assert.True(message.IsReady);
        Assert.Equal("Listening on 8080", message.Status);
        Assert.Equal(4242, message.MainPid);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket.Path));
    }

    [Fact]
    public async Task ReceiveAsync_PythonSendsToAbstractName_MessageArrives()
    {
        using NotifySocket socket = NotifySocket.Bind($"@od-test-{Guid.NewGuid():N}");

        NotifyMessage message = await SendFromPythonAsync(socket);

        Assert.True(message.IsReady);
        Assert.Equal("Listening on 8080", message.Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReceiveAsync_SystemdNotify_ReadyAndStatusArriveAndItsBarrierCompletes(bool isAbstract)
    {
        if (!File.Exists(SystemdNotify))
        {
            // Only systemd's own client can prove compatibility with it; machines without systemd
            // (Alpine, most containers) still run the python tests above, which speak the same protocol.
            return;
        }

        using NotifySocket socket = NotifySocket.Bind(isAbstract ? $"@od-test-{Guid.NewGuid():N}" : _dir.File("notify.sock"));
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = SystemdNotify,
            Arguments = ["--ready", "--status=warming up"],
            WorkingDirectory = "/",
            Environment = new Dictionary<string, string>(MinimalEnvironment) { ["NOTIFY_SOCKET"] = socket.Path },
        });

        NotifyMessage message = await socket.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Short);
        Assert.True(message.IsReady);
        Assert.Equal("warming up", message.Status);

        // systemd-notify then waits on BARRIER=1 (sd_notify_barrier): receiving it drops the fd it
        // carries, which is the answer it waits for.
        NotifyMessage barrier = await socket.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Short);
        Assert.True(barrier.IsBarrier);
        Assert.Equal(0, (await ExitedAsync(process)).ExitCode);
    }

    [Fact]
    public async Task GrantSender_AppSwitchedToAnotherUser_CanSendOnlyOnceGranted()
    {
        using var shimDirectory = new TempDirectory();
        string shim = WriteShimScript(shimDirectory);
        using NotifySocket socket = NotifySocket.Bind(_dir.File("notify.sock"));
        SpawnRequest asNobody = new SpawnRequest
        {
            FileName = "/usr/bin/python3",
            Arguments = ["-c", PythonNotify],
            WorkingDirectory = "/",
            Environment = new Dictionary<string, string>(HostEnvironment()) { ["NOTIFY_SOCKET"] = socket.Path },
        } with { UserId = 65534, ShimExecutable = shim };

        using (SpawnedProcess refused = ProcessSpawner.Instance.Spawn(asNobody))
        {
            Assert.Contains("PermissionError", await ReadToEndAsync(refused.StandardError, TestTimeouts.Process), StringComparison.Ordinal);
            Assert.Equal(1, (await ExitedAsync(refused, TestTimeouts.Process)).ExitCode);
        }

        socket.GrantSender(65534, 65534);

        using SpawnedProcess granted = ProcessSpawner.Instance.Spawn(asNobody);
        NotifyMessage message = await socket.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Process);
        Assert.True(message.IsReady);
        Assert.Equal(0, (await ExitedAsync(granted, TestTimeouts.Process)).ExitCode);
    }

    [Fact]
    public void Bind_PathTooLong_ThrowsArgumentExceptionSayingSo()
    {
        string path = "/tmp/" + new string('x', 120);

        var error = Assert.Throws<ArgumentException>(() => NotifySocket.Bind(path));

        Assert.Contains("a Unix socket address allows 1 to 107", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NotifySocket.Bind("@" + new string('x', 108)));
        Assert.Throws<ArgumentException>(() => NotifySocket.Bind("@"));
    }

    [Fact]
    public void Bind_StaleFileLeftBehind_IsReplaced_AndDisposeRemovesTheSocket()
    {
        string path = _dir.File("notify.sock");
        File.WriteAllText(path, "left by a crashed daemon");

        NotifySocket socket = NotifySocket.Bind(path);
        Assert.True(File.Exists(path));
        socket.Dispose();

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task ReceiveAsync_Cancelled_Throws()
    {
        using NotifySocket socket = NotifySocket.Bind(_dir.File("notify.sock"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await socket.ReceiveAsync(cts.Token));
    }

    [Fact]
    public void Parse_Fields_LaterDuplicatesWinAndJunkIsSkipped()
    {
        NotifyMessage message = NotifyMessage.Parse(Encoding.UTF8.GetBytes("READY=0\nno-equals\n\n=empty-key\nREADY=1\nSTATUS=a=b\nWATCHDOG=trigger\nMAINPID=x"));

        Assert.True(message.IsReady);
        Assert.Equal("a=b", message.Status);
        Assert.True(message.IsWatchdogTrigger);
        Assert.False(message.IsWatchdogPing);
        Assert.False(message.IsStopping);
        Assert.Null(message.MainPid);
        Assert.Equal(["MAINPID", "READY", "STATUS", "WATCHDOG"], message.Fields.Keys.Order());
    }

    [Fact]
    public void Parse_StoppingAndWatchdogPing()
    {
        NotifyMessage message = NotifyMessage.Parse("STOPPING=1\nWATCHDOG=1\n"u8);

        Assert.True(message.IsStopping);
        Assert.True(message.IsWatchdogPing);
        Assert.Null(message.Status);
    }

    private static async Task<NotifyMessage> SendFromPythonAsync(NotifySocket socket)
    {
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/usr/bin/python3",
            Arguments = ["-c", PythonNotify],
            WorkingDirectory = "/",
            Environment = new Dictionary<string, string>(MinimalEnvironment) { ["NOTIFY_SOCKET"] = socket.Path },
        });

        NotifyMessage message = await socket.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Short);
        Assert.Equal("", await ReadToEndAsync(process.StandardError));
        Assert.Equal(0, (await ExitedAsync(process)).ExitCode);
        return message;
    }
}
