using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Kernel.State;
using OpenDaemon.Kernel.Tests.Support;

namespace OpenDaemon.Kernel.Tests.State;

public sealed class JsonFileStateStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private string StatePath => _directory.File("cron.json");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Set_ThenNewInstance_ReadsValuesBack()
    {
        await using (var store = Open())
        {
            store.Set("lastRun", "2025-01-01", TestJsonContext.Default.String);
            store.Set("runs", 3, TestJsonContext.Default.Int32);
            await store.FlushAsync(CancellationToken.None).WaitAsync(TestTimeouts.Short);
        }

        await using var restarted = Open();

        Assert.Equal(["lastRun", "runs"], restarted.Keys);
        Assert.Equal("2025-01-01", restarted.Get("lastRun", TestJsonContext.Default.String));
        Assert.Equal(3, restarted.Get("runs", TestJsonContext.Default.Int32));
    }

    [Fact]
    public async Task Set_DebouncedWrite_HappensOnlyAfterDelayAndDisposePersistsPending()
    {
        var store = Open();
        store.Set("a", 1, TestJsonContext.Default.Int32);
        Assert.False(File.Exists(StatePath));

        store.Set("a", 2, TestJsonContext.Default.Int32);
        await store.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Short);

        await using var reopened = Open();
        Assert.Equal(2, reopened.Get("a", TestJsonContext.Default.Int32));
    }

    [Fact]
    public async Task Remove_Persisted()
    {
        await using (var store = Open())
        {
            store.Set("a", 1, TestJsonContext.Default.Int32);
            Assert.True(store.Remove("a"));
            Assert.False(store.Remove("a"));
        }

        await using var reopened = Open();
        Assert.Empty(reopened.Keys);
    }

    [Fact]
    public async Task Open_CorruptFile_MovedAsideAndStartsEmpty()
    {
        await File.WriteAllTextAsync(StatePath, "{\"runs\": 3, \"la");

        await using var store = Open();

        Assert.Empty(store.Keys);
        Assert.False(File.Exists(StatePath));
        string aside = Assert.Single(Directory.GetFiles(_directory.FullPath, "cron.json.corrupt-*"));
        Assert.EndsWith("cron.json.corrupt-20250101T000000000Z", aside, StringComparison.Ordinal);
        Assert.Equal("{\"runs\": 3, \"la", await File.ReadAllTextAsync(aside));
    }

    [Fact]
    public async Task Open_TempFileLeftByCrash_Removed()
    {
        string leftover = _directory.File(".cron.json.0123456789abcdef.tmp");
        await File.WriteAllTextAsync(leftover, "{\"half");

        await using var store = Open();

        Assert.False(File.Exists(leftover));
    }

    private JsonFileStateStore Open() => new(StatePath, NullLogger.Instance, _time, TimeSpan.FromSeconds(1));
}
