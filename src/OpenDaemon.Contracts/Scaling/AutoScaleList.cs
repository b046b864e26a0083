namespace OpenDaemon.Contracts.Scaling;

/// <summary>Answer of <c>autoscale.list</c>: every app with <c>cluster.autoScale</c> and what the autoscaler sees.</summary>
/// <param name="Apps">The autoscaled apps, by name.</param>
public sealed record AutoScaleList(IReadOnlyList<AutoScaledApp> Apps);

/// <summary>One app's autoscaler (shown by <c>od info</c>).</summary>
public sealed record AutoScaledApp
{
    /// <summary>The app's name.</summary>
    public required string Name { get; init; }

    /// <summary>Whether it acts (<c>enabled: false</c> keeps the block without scaling).</summary>
    public required bool Enabled { get; init; }

    /// <summary>Fewest instances.</summary>
    public required int Min { get; init; }

    /// <summary>Most instances.</summary>
    public required int Max { get; init; }

    /// <summary>Instances now.</summary>
    public required int Instances { get; init; }

    /// <summary>The scale-up rule and where its metric stands; null without one.</summary>
    public AutoScaleRuleState? ScaleUp { get; init; }

    /// <summary>The scale-down rule and where its metric stands; null without one.</summary>
    public AutoScaleRuleState? ScaleDown { get; init; }

    /// <summary>Why it cannot decide now (no metrics yet, the metrics collector disabled, a reload in progress), or null.</summary>
    public string? Waiting { get; init; }

    /// <summary>The latest decisions, newest last (bounded).</summary>
    public IReadOnlyList<AutoScaleDecision> Decisions { get; init; } = [];
}

/// <summary>One rule (scale up or down) and its metric at the last metrics pass.</summary>
public sealed record AutoScaleRuleState
{
    /// <summary><c>cpu</c>, <c>memory</c>, <c>event-loop-latency</c> or <c>custom:&lt;name&gt;</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>The threshold, in the metric's unit.</summary>
    public required double Threshold { get; init; }

    /// <summary>How long the threshold must be passed, in ms.</summary>
    public required long DurationMs { get; init; }

    /// <summary>The metric's value at the last pass (the mean over the app's online instances); null when none reported it.</summary>
    public double? Value { get; init; }

    /// <summary>Since when the value has been past the threshold without a break; null when it is not.</summary>
    public DateTimeOffset? PastThresholdSince { get; init; }
}

/// <summary>One scaling the autoscaler made (or tried), also published as the <c>autoscale:scaled</c> event.</summary>
public sealed record AutoScaleDecision
{
    /// <summary>The app's name.</summary>
    public required string Name { get; init; }

    /// <summary>When it was decided.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Instances before.</summary>
    public required int From { get; init; }

    /// <summary>Instances asked for.</summary>
    public required int To { get; init; }

    /// <summary>Why, e.g. <c>cpu 91.2 % &gt; 70 for 60s</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>Why the scaling failed, or null when it was done.</summary>
    public string? Error { get; init; }
}
