namespace OpenDaemon.Contracts.Processes;

/// <summary>Payload of <c>app:added</c> and <c>app:removed</c> on the event bus: an app entered or left the process table.</summary>
/// <param name="Name">The app's name.</param>
public sealed record AppEvent(string Name);
