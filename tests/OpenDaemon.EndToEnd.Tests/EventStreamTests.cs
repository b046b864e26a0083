using System.Text.Json;
using OpenDaemon.Client;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Environment;
using OpenDaemon.Contracts.Events;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary><c>event.subscribe</c> against the real daemon: what <c>od monit</c> and the SDKs listen to.</summary>
public sealed class EventStreamTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SubscribeEvents_RestartAndMetricsPass_ArriveAsProcessAndSnapshotEvents()
    {
        await using var od = new OdSandbox();
        var config = Path.Combine(od.Home, "events.yaml");
        File.WriteAllText(config, """
            apps:
              - name: sleeper
                script: /bin/sleep
                args: ["600"]
            plugins:
              metrics-collector:
                interval: 1s
            """);
        var start = await od.RunAsync("daemon", "start", "--config", config);
        Assert.True(start.ExitCode == 0, start.ToString());
        await using var client = await OdClient.ConnectAsync(new OdClientOptions { Environment = new OdEnvironment(od.Home, true, null) });
        using var stop = new CancellationTokenSource(Deadline);
        var seen = new List<EventNotification>();
        var subscribed = Task.Run(async () =>
        {
            await foreach (var received in client.SubscribeEventsAsync(["process:*", "metric:snapshot"], stop.Token))
            {
                lock (seen)
                {
                    seen.Add(received);
                }
            }
        });
        await Poll.UntilAsync(() => Count(seen, "metric:snapshot") > 0, "a metrics pass arrives as an event");

        var restart = await od.RunAsync("restart", "sleeper");

        Assert.True(restart.ExitCode == 0, restart.ToString());
        await Poll.UntilAsync(() => Count(seen, "process:online") > 0, () => $"process:online after the restart; seen {string.Join(", ", Topics(seen))}");
        EventNotification online;
        lock (seen)
        {
            online = seen.First(e => e.Event == "process:online");
            var snapshot = seen.First(e => e.Event == "metric:snapshot").Data.Deserialize(ContractsJsonContext.Default.MetricSnapshot)!;
            Assert.Contains(snapshot.Processes, p => p.Name == "sleeper");
        }

        Assert.Equal("sleeper", online.Data.GetProperty("name").GetString());
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => subscribed).WaitAsync(Deadline);
    }

    private static int Count(List<EventNotification> seen, string topic)
    {
        lock (seen)
        {
            return seen.Count(e => e.Event == topic);
        }
    }

    private static List<string> Topics(List<EventNotification> seen)
    {
        lock (seen)
        {
            return [.. seen.Select(e => e.Event)];
        }
    }
}
