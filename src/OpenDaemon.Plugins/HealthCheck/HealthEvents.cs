using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.HealthCheck;

/// <summary>
/// The health events on the bus: <c>health:changed</c> on every status change, plus <c>health:passed</c>
/// (→ healthy) or <c>health:failed</c> (→ unhealthy, with the configured action: whatever it is, this is the
/// event notifiers use, and it is all that <c>notify</c> does).
/// </summary>
internal static class HealthEvents
{
    public const string Changed = "health:changed";
    public const string Passed = "health:passed";
    public const string Failed = "health:failed";

    public static void Publish(IEventBus events, HealthTarget target, HealthUpdate update)
    {
        if (!update.Changed)
        {
            return;
        }

        var health = update.Health;
        var payload = new HealthEvent
        {
            Name = target.Name,
            Id = target.Id,
            Instance = target.Instance,
            Pid = target.Pid,
            Status = health.Status,
            PreviousStatus = update.PreviousStatus,
            Type = health.Type,
            Message = health.Message,
            ConsecutiveFailures = health.ConsecutiveFailures,
            At = health.LastTransitionAt ?? health.LastCheckAt ?? DateTimeOffset.MinValue,
        };
        if (health.Status == HealthStatus.Healthy)
        {
            events.Publish(Passed, payload, ContractsJsonContext.Default.HealthEvent);
        }
        else if (health.Status == HealthStatus.Unhealthy)
        {
            events.Publish(Failed, payload with { Action = ConfigNames.Of(target.Check.Action) }, ContractsJsonContext.Default.HealthEvent);
        }

        events.Publish(Changed, payload, ContractsJsonContext.Default.HealthEvent);
    }
}
