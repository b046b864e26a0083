using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Plugins.Watch;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Watch;

public sealed class ChangeDebouncerTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Signal_BurstOfAThousandChanges_OneAction()
    {
        var time = new FakeTimeProvider();
        var batches = new List<ChangeBatch>();
        using var debouncer = new ChangeDebouncer(Delay, time, batch => { batches.Add(batch); return Task.CompletedTask; });

        for (var i = 0; i < 1000; i++)
        {
            debouncer.Signal($"/app/f{i}.js");
        }

        time.Advance(Delay);

        var batch = Assert.Single(batches);
        Assert.Equal(1000, batch.Count);
        Assert.Equal("/app/f0.js", batch.FirstPath);
    }

    [Fact]
    public void Signal_ChangesDuringTheDelay_ExtendIt()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        using var debouncer = new ChangeDebouncer(Delay, time, _ => { fired++; return Task.CompletedTask; });

        debouncer.Signal("/a");
        time.Advance(TimeSpan.FromMilliseconds(80));
        debouncer.Signal("/b");
        time.Advance(TimeSpan.FromMilliseconds(80));
        Assert.Equal(0, fired);

        time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(1, fired);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, fired);
    }

    [Fact]
    public async Task Signal_WhileTheActionRuns_OneMoreActionAfterIt()
    {
        var time = new FakeTimeProvider();
        var running = new TaskCompletionSource();
        var fired = 0;
        using var debouncer = new ChangeDebouncer(Delay, time, _ => { fired++; return fired == 1 ? running.Task : Task.CompletedTask; });

        debouncer.Signal("/a");
        time.Advance(Delay);
        debouncer.Signal("/b");
        debouncer.Signal("/c");
        time.Advance(Delay);
        Assert.Equal(1, fired);

        // The action's end re-arms the timer on the thread that completes it: advance until it fires.
        running.SetResult();
        await Poll.UntilAsync(() => { time.Advance(Delay); return Volatile.Read(ref fired) == 2; }, "the second action");
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, fired);
    }

    [Fact]
    public void Dispose_PendingChange_NoAction()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        var debouncer = new ChangeDebouncer(Delay, time, _ => { fired++; return Task.CompletedTask; });

        debouncer.Signal("/a");
        debouncer.Dispose();
        time.Advance(Delay);

        Assert.Equal(0, fired);
    }
}
