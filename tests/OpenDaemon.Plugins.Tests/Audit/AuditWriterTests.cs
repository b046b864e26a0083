using System.Text.Json;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Plugins.Audit;
using OpenDaemon.Plugins.Audit.Streaming;
using OpenDaemon.Plugins.Tests.Audit.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Audit;

/// <summary>The background writer: the line format, drops that are never silent, the RPC observer's choices, followers.</summary>
public sealed class AuditWriterTests : IDisposable
{
    private readonly AuditLogFixture _log = new();

    [Fact]
    public async Task Record_RpcCall_WritesTheSpecFormatWithTheFakeClocksTime()
    {
        await using (var writer = _log.Writer())
        {
            writer.Start();
            writer.TryRecord(_log.Entry("process.restart", """{"target":"api","strategy":"rolling","token":"t0k"}"""));
        }

        var line = Assert.Single(File.ReadAllLines(_log.Current));
        Assert.Equal(
            """{"timestamp":"2026-12-06T03:00:00.000Z","action":"process.restart","actor":{"type":"cli","pid":4242,"uid":1000,"user":"alice"},"target":{"type":"process","name":"api"},"params":{"target":"api","strategy":"rolling","token":"***"},"result":"success","duration":12.5,"prev":"0000000000000000000000000000000000000000000000000000000000000000"}""",
            line);
    }

    [Fact]
    public async Task TryRecord_QueueFull_CountsTheDropsAndWritesThemAsAnEntry()
    {
        await using (var writer = _log.Writer(queue: 2))
        {
            // Not started yet: nothing drains the queue, so the third to fifth entries find it full.
            var accepted = Enumerable.Range(0, 5).Select(i => writer.TryRecord(_log.Entry("process.stop", $$"""{"target":"app-{{i}}"}"""))).ToList();
            Assert.Equal([true, true, false, false, false], accepted);
            Assert.Equal(3, writer.DroppedTotal);
            writer.Start();
        }

        var entries = _log.Entries();
        var dropped = Assert.Single(entries, entry => entry.Action == "audit.dropped");
        Assert.Equal(3, dropped.Params!.Value.GetProperty("dropped").GetInt64());
        Assert.Contains("3 audit entries dropped", dropped.Params.Value.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("daemon", dropped.Actor.Type);
        Assert.Equal(["app-0", "app-1"], entries.Where(entry => entry.Action == "process.stop").Select(entry => entry.Target!.Name));
        Assert.True(_log.Verify().Ok);
    }

    [Fact]
    public async Task OnWriterAsync_AfterRecord_SeesEveryEntryRecordedBefore()
    {
        await using var writer = _log.Writer();
        writer.Start();
        for (var i = 0; i < 500; i++)
        {
            writer.TryRecord(_log.Entry("process.start", $$"""{"target":"app-{{i}}"}"""));
        }

        using var snapshot = await writer.OnWriterAsync(writer.Snapshot, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var found = OpenDaemon.Plugins.Audit.Reading.AuditSearcher.Search(snapshot, new(null, null, null), 10);

        Assert.True(found.Truncated);
        Assert.Equal(Enumerable.Range(490, 10).Select(i => $"app-{i}"), found.Entries.Select(entry => entry.Target!.Name));
    }

    [Fact]
    public async Task Observer_ExcludedAndFailedCalls_OnlyAuditedOnesAreWrittenWithTheirErrorCode()
    {
        await using (var writer = _log.Writer())
        {
            writer.Start();
            var observer = new AuditCallObserver(writer, AuditSettings.DefaultExclude, _log.Time);
            observer.OnCallCompleted(Outcome("daemon.ping", null));
            observer.OnCallCompleted(Outcome("metric.snapshot", null));
            observer.OnCallCompleted(Outcome("process.delete", ErrorCode.ProcessNotFound));
            observer.OnCallCompleted(Outcome("log.search", null));
            observer.OnCallCompleted(Outcome("process.restart", null, cancelled: true));
        }

        Assert.Equal(
            [("process.delete", "PROCESS_NOT_FOUND"), ("log.search", "success"), ("process.restart", "CANCELLED")],
            _log.Entries().Select(entry => (entry.Action, entry.Result)));
    }

    [Fact]
    public async Task Followers_MatchingEntries_ArriveAsFramesOfTheStoredLines()
    {
        var followers = new AuditFollowers();
        var peer = new RecordingPeer();
        await using (var writer = _log.Writer(followers: followers))
        {
            writer.Start();
            followers.Start(new() { Action = "process.*" }, peer);
            writer.TryRecord(_log.Entry("plugin.disable", """{"name":"watcher"}"""));
            writer.TryRecord(_log.Entry("process.stop", """{"target":"web"}"""));
            await Poll.UntilAsync(() => peer.Text.Contains("process.stop", StringComparison.Ordinal), "the followed entry");
        }

        Assert.DoesNotContain("plugin.disable", peer.Text, StringComparison.Ordinal);
        Assert.Contains(peer.Text.Trim(), File.ReadAllLines(_log.Current));
    }

    private static RpcCallOutcome Outcome(string method, ErrorCode? error, bool cancelled = false) =>
        new(new RpcCall(method, JsonDocument.Parse("""{"target":"web"}""").RootElement.Clone(), new RecordingPeer()), error, cancelled, TimeSpan.FromMilliseconds(3));

    public void Dispose() => _log.Dispose();
}
