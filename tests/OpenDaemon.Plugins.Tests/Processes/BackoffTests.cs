using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>Backoff arithmetic, and its timer wiring on a fake clock.</summary>
public sealed class BackoffTests
{
    private static readonly ProcessConfig Base = new() { Name = "app", Script = "app.js", RestartDelay = TimeSpan.FromSeconds(1), MaxRestartDelay = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 1000)]
    [InlineData(9, 1000)]
    public void Fixed_IsAlwaysTheRestartDelay(int attempt, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RestartBackoffCalculator.Delay(Base, attempt, random: 0.9));

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(5, 5000)]
    [InlineData(50, 10000)]
    public void Linear_AddsTheDelayPerUnstableRun_UpToTheCap(int attempt, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RestartBackoffCalculator.Delay(Base with { RestartStrategy = RestartBackoff.Linear }, attempt, random: 0.5));

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(4, 8000)]
    [InlineData(5, 10000)]
    [InlineData(1000, 10000)]
    public void Exponential_DoublesWithoutJitterAtTheMiddle_UpToTheCap(int attempt, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RestartBackoffCalculator.Delay(Base with { RestartStrategy = RestartBackoff.Exponential }, attempt, random: 0.5));

    [Fact]
    public void Exponential_JitterStaysWithinFifteenPercent()
    {
        var config = Base with { RestartStrategy = RestartBackoff.Exponential };

        Assert.Equal(TimeSpan.FromMilliseconds(3400), RestartBackoffCalculator.Delay(config, 3, random: 0));
        Assert.Equal(4600, RestartBackoffCalculator.Delay(config, 3, random: 0.999999).TotalMilliseconds, precision: 0);
    }

    [Fact]
    public void AfterAStableRun_TheDelayIsThePlainRestartDelay()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), RestartBackoffCalculator.Delay(Base with { RestartStrategy = RestartBackoff.Exponential }, attempt: 0, random: 0.5));
        Assert.Equal(TimeSpan.Zero, RestartBackoffCalculator.Delay(new ProcessConfig { Name = "a", Script = "b", RestartStrategy = RestartBackoff.Linear }, attempt: 0, random: 0.5));
    }

    [Fact]
    public void GrowingStrategies_StartAt100MillisecondsWhenNoDelayIsSet() =>
        Assert.Equal(TimeSpan.FromMilliseconds(400), RestartBackoffCalculator.Delay(new ProcessConfig { Name = "a", Script = "b", RestartStrategy = RestartBackoff.Exponential }, 3, random: 0.5));

    [Fact]
    public async Task ACrashWaitsForTheBackoffDelayOnTheClock_ThenRestarts()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var harness = new ManagerHarness(clock);
        var script = harness.Script("crash.sh", "exit 1");
        await harness.StartAsync(harness.App("crash", script) with { RestartDelay = TimeSpan.FromMinutes(5) });

        var waiting = await harness.WaitForAsync("crash", row => row.Status == ProcessState.Errored && row.NextRestartAt is not null);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(5), waiting.NextRestartAt);

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, harness.Row("crash").Restarts);

        clock.Advance(TimeSpan.FromMinutes(1));
        await harness.WaitForAsync("crash", row => row.Restarts == 1);
    }
}
