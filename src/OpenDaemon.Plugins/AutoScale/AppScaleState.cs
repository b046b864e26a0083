using OpenDaemon.Contracts.Scaling;

namespace OpenDaemon.Plugins.AutoScale;

/// <summary>What the autoscaler remembers of one app between metrics passes. Owned by <see cref="AutoScaler"/>.</summary>
internal sealed class AppScaleState
{
    private const int KeptDecisions = 10;
    private readonly Queue<AutoScaleDecision> _decisions = new();

    /// <summary>The scale-up metric at the last pass; null when no instance reported it.</summary>
    public double? UpValue { get; set; }

    /// <summary>The scale-down metric at the last pass.</summary>
    public double? DownValue { get; set; }

    /// <summary>Since when the scale-up metric has been above its threshold without a break.</summary>
    public DateTimeOffset? UpSince { get; set; }

    /// <summary>Since when the scale-down metric has been below its threshold without a break.</summary>
    public DateTimeOffset? DownSince { get; set; }

    /// <summary>When the last scaling was made (cooldowns count from it).</summary>
    public DateTimeOffset? LastScaleAt { get; set; }

    /// <summary>Why no decision can be made now, or null.</summary>
    public string? Waiting { get; set; }

    public IReadOnlyList<AutoScaleDecision> Decisions => [.. _decisions];

    /// <summary>Records a scaling: cooldowns start, and both windows start again from the new count.</summary>
    public void Scaled(AutoScaleDecision decision)
    {
        LastScaleAt = decision.At;
        UpSince = null;
        DownSince = null;
        _decisions.Enqueue(decision);
        while (_decisions.Count > KeptDecisions)
        {
            _decisions.Dequeue();
        }
    }
}
