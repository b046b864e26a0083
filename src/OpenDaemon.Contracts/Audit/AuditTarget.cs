namespace OpenDaemon.Contracts.Audit;

/// <summary>What an audited action was done to.</summary>
/// <param name="Type"><c>process</c>, <c>plugin</c>, <c>daemon</c>, <c>log</c>, <c>audit</c>, ...</param>
/// <param name="Name">The app, plugin or target as the caller named it; null when the action has no single target.</param>
public sealed record AuditTarget(string Type, string? Name = null);
