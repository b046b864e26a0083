using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;
using OpenDaemon.Plugins.LogManager.Streaming;

namespace OpenDaemon.Plugins.Tests.LogManager.Streaming;

public sealed class LogFollowerTests
{
    [Fact]
    public async Task Pump_MatchingEntries_AreSentAsFramesWithTheStreamIdAndJsonLines()
    {
        var filter = new LiveEntryFilter(["api"], null, "warn", new Regex("disk"), null);
        var follower = new LogFollower(7, 1, filter, new FakeTimeProvider());
        var peer = new RecordingPeer();

        follower.Offer(Entry("api", "warn", "disk almost full"));
        follower.Offer(Entry("api", "info", "disk fine"));       // below warn
        follower.Offer(Entry("worker", "error", "disk gone"));   // another app
        follower.Offer(Entry("api", "error", "network down"));   // no match
        follower.Offer(Entry("api", "fatal", "disk gone"));
        follower.Complete();
        await follower.PumpAsync(peer, CancellationToken.None);

        var (streamId, entries) = peer.Received();
        Assert.Equal(7, streamId);
        Assert.Equal(["disk almost full", "disk gone"], entries.Select(e => e.Message));
    }

    [Fact]
    public async Task Offer_MoreThanTheQueueHolds_TellsTheFollowerHowManyItMissed()
    {
        var follower = new LogFollower(1, 1, LiveEntryFilter.All, new FakeTimeProvider());
        var peer = new RecordingPeer();

        for (var i = 0; i < 100_005; i++)
        {
            follower.Offer(Entry("api", "info", "x"));
        }

        follower.Complete();
        await follower.PumpAsync(peer, CancellationToken.None);

        var (_, entries) = peer.Received();
        Assert.Equal(100_001, entries.Count);
        Assert.Equal("5 log lines were not sent to this follower: it fell behind (they are in the log files)", entries[0].Message);
    }

    [Fact]
    public void Filter_InstanceSelection_MatchesThatInstanceOnly()
    {
        var filter = new LiveEntryFilter(null, [("api", 1)], null, null, "stderr");

        Assert.True(filter.Matches(Entry("api", "info", "a", instance: 1, source: "stderr")));
        Assert.False(filter.Matches(Entry("api", "info", "a", instance: 0, source: "stderr")));
        Assert.False(filter.Matches(Entry("api", "info", "a", instance: 1, source: "stdout")));
    }

    private static LogEntry Entry(string app, string level, string message, int instance = 0, string source = "stdout") => new()
    {
        Timestamp = DateTimeOffset.UnixEpoch,
        Level = level,
        ProcessName = app,
        InstanceId = instance,
        Message = message,
        Source = source,
    };

    private sealed class RecordingPeer : IIpcPeer
    {
        private readonly ConcurrentQueue<byte[]> _frames = new();

        public long ConnectionId => 1;

        public CallerIdentity Caller => CallerIdentity.Unknown;

        public CancellationToken Closed => CancellationToken.None;

        public ValueTask SendNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask SendBinaryAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            _frames.Enqueue(payload.ToArray());
            return ValueTask.CompletedTask;
        }

        public (int StreamId, List<LogEntry> Entries) Received()
        {
            var ids = _frames.Select(frame => BinaryPrimitives.ReadInt32BigEndian(frame)).Distinct().ToList();
            var entries = _frames
                .SelectMany(frame => Encoding.UTF8.GetString(frame, 4, frame.Length - 4).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                .Select(line => JsonSerializer.Deserialize(line, ContractsJsonContext.Default.LogEntry)!)
                .ToList();
            return (Assert.Single(ids), entries);
        }
    }
}
