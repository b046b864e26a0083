using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Plugins.LogManager.Writing;

namespace OpenDaemon.Plugins.Tests.LogManager.Writing;

/// <summary>The shared flush timer ticks only while lines wait in memory.</summary>
public sealed class FlushTimerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider _time = new();
    private int _ticks;
    private bool _stillWaiting;
    private bool _unwritten;

    [Fact]
    public async Task NeverWoken_NeverTicks()
    {
        await using var timer = Timer();

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, _ticks);
    }

    [Fact]
    public async Task Woken_TicksOnceAfterAnIntervalThenStopsWhenNothingWaits()
    {
        await using var timer = Timer();

        timer.Wake();
        timer.Wake(); // a second writer in the same interval: still one tick
        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        var early = _ticks;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, early);
        Assert.Equal(1, _ticks);
    }

    [Fact]
    public async Task LinesStillWaiting_KeepsTickingEveryIntervalUntilTheyAreWritten()
    {
        await using var timer = Timer();
        _stillWaiting = true;

        timer.Wake();
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(Interval);
        }

        _stillWaiting = false;
        _time.Advance(Interval);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(6, _ticks);
    }

    [Fact]
    public async Task LineArrivingWhileATickDisarms_IsNotLeftWaiting()
    {
        // The tick found nothing due, but a line arrived before it disarmed: its Wake saw the timer
        // still armed, so the tick itself must arm the next one.
        await using var timer = Timer();
        _unwritten = true;

        timer.Wake();
        _time.Advance(Interval);
        _unwritten = false;
        _time.Advance(Interval);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(2, _ticks);
    }

    [Fact]
    public async Task Disposed_WakeDoesNothing()
    {
        var timer = Timer();
        await timer.DisposeAsync();

        timer.Wake();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, _ticks);
    }

    private FlushTimer Timer() => new(_time, Interval, () =>
    {
        _ticks++;
        return _stillWaiting;
    }, () => _unwritten);
}
