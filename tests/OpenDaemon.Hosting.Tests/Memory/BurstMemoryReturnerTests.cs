using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Hosting.Memory;

namespace OpenDaemon.Hosting.Tests.Memory;

/// <summary>When the daemon gives a burst's memory back: on a fake clock, with an allocation counter the test moves.</summary>
public sealed class BurstMemoryReturnerTests
{
    private readonly FakeTimeProvider _time = new();
    private long _allocated;
    private int _collections;

    [Fact]
    public void AfterABurst_TheFirstQuietInterval_CollectsOnce()
    {
        using var returner = Start();

        Interval(BurstMemoryReturner.BurstBytes); // a burst (200 apps starting)
        Interval(BurstMemoryReturner.BurstBytes * 3);
        Assert.Equal(0, _collections);

        Interval(1024); // quiet again
        Assert.Equal(1, _collections);

        Interval(0);
        Interval(0);
        Assert.Equal(1, _collections); // not again until the next burst
    }

    [Fact]
    public void BurstsThatComeAndGo_AtMostOneCollectionPerMinSpacing()
    {
        using var returner = Start();
        var intervals = (int)(BurstMemoryReturner.MinSpacing / BurstMemoryReturner.CheckInterval);

        for (var i = 0; i < intervals; i++)
        {
            Interval(i % 2 == 0 ? BurstMemoryReturner.BurstBytes : 0); // a burst every other interval
        }

        Assert.Equal(1, _collections);
        Interval(BurstMemoryReturner.BurstBytes);
        Interval(0);
        Assert.Equal(2, _collections); // the spacing has passed: the next quiet interval may collect again
    }

    [Fact]
    public void StartedAfterABurst_TheFirstQuietInterval_Collects()
    {
        using var returner = Start(afterBurst: true);

        Interval(BurstMemoryReturner.QuietBytes * 2);
        Assert.Equal(0, _collections); // not quiet yet
        Interval(0);
        Assert.Equal(1, _collections);
    }

    [Fact]
    public void SteadyModerateAllocation_NeverCollects()
    {
        using var returner = Start();

        for (var i = 0; i < 20; i++)
        {
            Interval(BurstMemoryReturner.QuietBytes * 2); // neither a burst nor quiet: metrics sampling of many apps
        }

        Assert.Equal(0, _collections);
    }

    [Fact]
    public void ABurstThatNeverEnds_NeverCollects()
    {
        using var returner = Start();

        for (var i = 0; i < 20; i++)
        {
            Interval(BurstMemoryReturner.BurstBytes);
        }

        Assert.Equal(0, _collections);
    }

    private BurstMemoryReturner Start(bool afterBurst = false) => new(_time, afterBurst, () => _allocated, () => _collections++);

    private void Interval(long allocated)
    {
        _allocated += allocated;
        _time.Advance(BurstMemoryReturner.CheckInterval);
    }
}
