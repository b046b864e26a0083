using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>What <see cref="AutoRestartPolicy"/> decided after a run ended on its own.</summary>
/// <param name="State">Where the instance settles now (stopped or errored).</param>
/// <param name="Reason">The reason recorded with that state.</param>
/// <param name="Unstable">Unstable runs in a row, this one included.</param>
/// <param name="Delay">The backoff before the automatic restart; null when there is none.</param>
internal sealed record RestartPlan(ProcessState State, string Reason, int Unstable, TimeSpan? Delay)
{
    /// <summary>Restart at once, without a timer (a health restart without backoff).</summary>
    public bool Immediately { get; init; }
}
