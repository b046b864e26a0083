namespace OpenDaemon.Config.Model;

/// <summary>How a new version replaces the running one (spec §3.6).</summary>
public sealed record DeployConfig
{
    /// <summary>The strategy; default rolling.</summary>
    public DeployStrategy Strategy { get; init; } = DeployStrategy.Rolling;

    /// <summary>rolling: instances that may be down at once; default 1.</summary>
    public int MaxUnavailable { get; init; } = 1;

    /// <summary>rolling: extra instances allowed during the rollout; default 1.</summary>
    public int MaxSurge { get; init; } = 1;

    /// <summary>canary: traffic share (0–100), or null.</summary>
    public double? CanaryPercent { get; init; }

    /// <summary>canary: traffic shares per step (each 0–100, increasing).</summary>
    public IReadOnlyList<double> CanarySteps { get; init; } = [];

    /// <summary>canary: analysis, or null.</summary>
    public CanaryAnalysisConfig? CanaryAnalysis { get; init; }

    /// <summary>blue-green: how long the switch may take, or null.</summary>
    public TimeSpan? SwitchTimeout { get; init; }

    /// <summary>The readiness check for new instances, or null for the app's own.</summary>
    public HealthCheckConfig? HealthCheck { get; init; }

    /// <summary>Roll back automatically when the deployment fails; default true.</summary>
    public bool RollbackOnFailure { get; init; } = true;

    /// <summary>Overall deadline, or null.</summary>
    public TimeSpan? Timeout { get; init; }
}
