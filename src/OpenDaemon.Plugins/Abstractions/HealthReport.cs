using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.Abstractions;

/// <summary>One report of a watch.</summary>
/// <param name="Health">The instance's health as <c>od ls</c>/<c>od info</c> show it.</param>
/// <param name="FailureThresholdReached">
/// True exactly once per unhealthy episode: when <c>failureThreshold</c> consecutive failures were reached.
/// The process manager then applies <see cref="HealthCheckConfig.Action"/> (restart or stop); notify and none are the monitor's.
/// </param>
public sealed record HealthReport(ProcessHealth Health, bool FailureThresholdReached);
