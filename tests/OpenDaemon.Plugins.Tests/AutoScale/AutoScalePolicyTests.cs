using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.AutoScale;

namespace OpenDaemon.Plugins.Tests.AutoScale;

/// <summary>The autoscaler's decision per metrics pass, on given figures and times: no process, no clock.</summary>
public sealed class AutoScalePolicyTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-12-06T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly AutoScaleConfig Config = new()
    {
        Min = 1,
        Max = 4,
        ScaleUp = new ScaleRule { Metric = ScaleMetric.Cpu, Threshold = 70, Duration = TimeSpan.FromSeconds(30), Step = 2, Cooldown = TimeSpan.FromMinutes(1) },
        ScaleDown = new ScaleRule { Metric = ScaleMetric.Cpu, Threshold = 20, Duration = TimeSpan.FromSeconds(60), Step = 1, Cooldown = TimeSpan.FromMinutes(2) },
    };

    private static (int To, string Reason)? At(AppScaleState state, int current, double? value, int seconds) =>
        AutoScalePolicy.Decide(Config, current, state, value, value, T0.AddSeconds(seconds));

    [Fact]
    public void Above_ForTheWholeDuration_ScalesUpByStep()
    {
        var state = new AppScaleState();

        Assert.Null(At(state, 1, 90, 0));
        Assert.Null(At(state, 1, 85, 25));
        var decision = At(state, 1, 80, 30);

        Assert.Equal(3, decision!.Value.To);
        Assert.Equal("cpu 80 % > 70 for 30s", decision.Value.Reason);
    }

    [Fact]
    public void Above_WithABreak_StartsTheWindowAgain()
    {
        var state = new AppScaleState();
        At(state, 1, 90, 0);
        At(state, 1, 50, 10); // back under the threshold

        Assert.Null(At(state, 1, 90, 30));
        Assert.Equal(T0.AddSeconds(30), state.UpSince);
        Assert.NotNull(At(state, 1, 90, 60));
    }

    [Fact]
    public void Up_NeverPastMax()
    {
        var state = new AppScaleState();
        At(state, 3, 90, 0);

        Assert.Equal(4, At(state, 3, 90, 30)!.Value.To);
        Assert.Null(At(new AppScaleState(), 4, 90, 0));
        var atMax = new AppScaleState();
        At(atMax, 4, 90, 0);
        Assert.Null(At(atMax, 4, 90, 300));
    }

    [Fact]
    public void Cooldown_HoldsTheNextScalingSinceTheLastOne()
    {
        var state = new AppScaleState();
        At(state, 1, 90, 0);
        Scaled(state, 1, 3, 30);

        At(state, 3, 90, 31);
        Assert.Null(At(state, 3, 90, 61)); // the window is full but the cooldown (1 min since 30 s) is not over
        Assert.Equal(4, At(state, 3, 90, 90)!.Value.To);
    }

    [Fact]
    public void Below_ForItsDuration_ScalesDownByStep_NeverUnderMin()
    {
        var state = new AppScaleState();
        At(state, 2, 5, 0);

        Assert.Null(At(state, 2, 5, 59));
        var decision = At(state, 2, 5, 60);
        Assert.Equal((1, "cpu 5 % < 20 for 60s"), decision!.Value);
        Scaled(state, 2, 1, 60);
        At(state, 1, 5, 61);
        Assert.Null(At(state, 1, 5, 600));
    }

    [Fact]
    public void NoFigure_DecidesNothingAndForgetsTheWindow()
    {
        var state = new AppScaleState();
        At(state, 1, 90, 0);

        Assert.Null(At(state, 1, null, 40));
        Assert.Null(state.UpSince);
    }

    [Fact]
    public void OutsideTheBounds_IsBroughtBackAtOnce()
    {
        Assert.Equal((4, "above max 4"), At(new AppScaleState(), 6, 50, 0)!.Value);
        Assert.Equal((1, "below min 1"), AutoScalePolicy.Decide(Config, 0, new AppScaleState(), null, null, T0)!.Value);
    }

    private static void Scaled(AppScaleState state, int from, int to, int seconds) =>
        state.Scaled(new Contracts.Scaling.AutoScaleDecision { Name = "web", At = T0.AddSeconds(seconds), From = from, To = to, Reason = "test" });
}
