using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Plugins.Audit;
using OpenDaemon.Plugins.Audit.Reading;
using OpenDaemon.Plugins.Audit.Streaming;
using OpenDaemon.Plugins.Audit.Writing;

namespace OpenDaemon.Plugins.Tests.Audit;

/// <summary>A private audit directory, writers over it on a fake clock, and the checks the tests share.</summary>
internal sealed class AuditLogFixture : IDisposable
{
    public static readonly CallerIdentity Alice = new(CallerIdentity.Cli) { Pid = 4242, Uid = 1000 };

    public AuditLogFixture() => Directory = System.IO.Directory.CreateTempSubdirectory("od-audit-").FullName;

    public string Directory { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero));

    public string Current => AuditFiles.Current(Directory);

    public AuditWriter Writer(long maxFileBytes = 10 * 1024 * 1024, int keep = 10, int queue = 10_000, AuditFollowers? followers = null) =>
        new(new AuditSettings { Directory = Directory, MaxFileBytes = maxFileBytes, Keep = keep, QueueCapacity = queue }, Time, NullLogger.Instance, followers ?? new AuditFollowers(), new ActorNames(uid => uid == 1000 ? "alice" : null));

    public PendingEntry Entry(string action, string? json = null) =>
        new(Time.GetUtcNow(), action, "success") { Caller = Alice, Params = json is null ? null : JsonDocument.Parse(json).RootElement.Clone(), Duration = TimeSpan.FromMilliseconds(12.5) };

    /// <summary>Writes <paramref name="count"/> entries through a started writer and stops it (flush, close).</summary>
    public async Task WriteAsync(int count, long maxFileBytes = 10 * 1024 * 1024, int keep = 10)
    {
        await using var writer = Writer(maxFileBytes, keep);
        writer.Start();
        for (var i = 0; i < count; i++)
        {
            Assert.True(writer.TryRecord(Entry("process.restart", $$"""{"target":"app-{{i}}"}""")));
            Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    public AuditVerifyResult Verify()
    {
        using var snapshot = AuditSnapshot.Open(Directory);
        return AuditVerifier.Verify(snapshot);
    }

    public IReadOnlyList<AuditEntry> Entries()
    {
        using var snapshot = AuditSnapshot.Open(Directory);
        return AuditSearcher.Search(snapshot, new AuditEntryFilter(null, null, null), AuditSearcher.MaxLimit).Entries;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
