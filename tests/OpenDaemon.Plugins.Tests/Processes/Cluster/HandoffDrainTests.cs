using System.Net.Sockets;
using System.Text;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Processes.Cluster;

/// <summary>
/// A run that was handed connections (the connection-handoff strategies) hears its stop signal only once it
/// has confirmed, on its IPC channel, that it took every connection handed before: the signal would otherwise
/// overtake a connection still in the channel, and the app would close its server and exit under it. On
/// fakes and a fake clock, with a real socket pair as the channel.
/// </summary>
public sealed class HandoffDrainTests
{
    private const string HandleLine = """{"cmd":"NODE_HANDLE","type":"net.Socket","msg":{"cmd":"NODE_OD_CONNECTION"}}""";
    private const string DrainLine = """{"cmd":"NODE_OD_DRAIN"}""";

    [Fact]
    public async Task Stop_AfterAHandoff_TheDrainRequestFollowsTheLastConnection_AndTheSignalWaitsForTheAnswer()
    {
        await using var harness = await StartOnlineAsync();
        var channel = harness.Snapshot.Serving!;
        Assert.True(await channel.TryTakeAsync(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), CancellationToken.None));

        _ = harness.Actor.StopAsync(StopIntent.User);
        await harness.SyncAsync();

        Assert.Equal(ProcessState.Stopping, harness.Snapshot.State);
        Assert.Empty(harness.Signaller.Sent);
        using var later = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        Assert.False(await channel.TryTakeAsync(later, CancellationToken.None)); // retired: the dispatcher picks another instance
        var app = harness.Spawner.Last.AppChannel!;
        Assert.Equal([HandleLine, DrainLine], await ReadLinesAsync(app, 2));

        app.Send("{\"cmd\":\"NODE_OD_DRAINED\"}\n"u8);
        await Poll.UntilAsync(() => harness.Signaller.Sent.Count > 0, "the stop signal after the answer");
        Assert.Equal(["SIGINT"], harness.Signaller.Sent);
    }

    [Fact]
    public async Task Stop_AfterAHandoff_WithoutAnAnswer_SignalsAfterOneSecond()
    {
        await using var harness = await StartOnlineAsync();
        Assert.True(await harness.Snapshot.Serving!.TryTakeAsync(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), CancellationToken.None));

        _ = harness.Actor.StopAsync(StopIntent.User);
        await harness.SyncAsync();
        harness.Time.Advance(TimeSpan.FromMilliseconds(999));
        await harness.SyncAsync();
        Assert.Empty(harness.Signaller.Sent);

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        await harness.SyncAsync();
        Assert.Equal(["SIGINT"], harness.Signaller.Sent);
    }

    [Fact]
    public async Task Stop_WithoutAHandoff_SignalsAtOnce()
    {
        await using var harness = await StartOnlineAsync();

        _ = harness.Actor.StopAsync(StopIntent.User);
        await harness.SyncAsync();

        Assert.Equal(["SIGINT"], harness.Signaller.Sent);
    }

    private static async Task<FakeActorHarness> StartOnlineAsync()
    {
        var harness = new FakeActorHarness(new ProcessConfig { Name = "web", Script = "/bin/sh" });
        harness.Spawner.WithChannels = true;
        var started = await harness.Actor.StartAsync().WaitAsync(TestTimeouts.Short);
        Assert.Equal(ProcessState.Online, started.State);
        Assert.NotNull(harness.Snapshot.Serving);
        return harness;
    }

    private static async Task<List<string>> ReadLinesAsync(Socket socket, int count)
    {
        var text = new StringBuilder();
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TestTimeouts.Short);
        while (text.ToString().Count(c => c == '\n') < count)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            Assert.NotEqual(0, read);
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return [.. text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
