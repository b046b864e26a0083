using OpenDaemon.Client;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Daemon.Tests;

/// <summary><c>log.stream</c>/<c>log.unstream</c> through the C# SDK against an in-process daemon and a real app.</summary>
public sealed class LogStreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task StreamLogs_RunningApp_DeliversItsLinesAndEndsTheStreamWhenEnumerationStops()
    {
        using var home = new TemporaryHome();
        await using var host = await DaemonHost.StartAsync(home.HostOptions, CancellationToken.None).WaitAsync(Timeout);
        await using var client = await OdClient.ConnectAsync(home.ClientOptions).WaitAsync(Timeout);
        var script = Path.Combine(home.Path, "ticker.sh");
        File.WriteAllText(script, "i=0\nwhile true; do i=$((i+1)); echo \"tick $i\"; echo \"oops $i\" >&2; sleep 0.05; done\n");
        await client.StartAsync(new ProcessStartParams { Target = script, WorkingDirectory = home.Path, Name = "ticker", Interpreter = "sh" }).WaitAsync(Timeout);

        var received = new List<LogEntry>();
        using (var enough = new CancellationTokenSource(Timeout))
        {
            await foreach (var entry in client.StreamLogsAsync(new LogStreamParams { Targets = ["ticker"], Source = "stderr" }, enough.Token))
            {
                received.Add(entry);
                if (received.Count == 3)
                {
                    break;
                }
            }
        }

        Assert.All(received, entry => Assert.Equal(("ticker", "stderr", "error"), (entry.ProcessName, entry.Source, entry.Level)));
        Assert.All(received, entry => Assert.StartsWith("oops ", entry.Message, StringComparison.Ordinal));
        // The enumeration ended the daemon's side already: a second unstream finds nothing.
        var again = await client.UnstreamLogsAsync(1).WaitAsync(Timeout);
        Assert.False(again.Ended);
        await client.DeleteAsync(["ticker"]).WaitAsync(Timeout);
    }
}
