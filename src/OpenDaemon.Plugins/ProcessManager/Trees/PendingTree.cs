namespace OpenDaemon.Plugins.ProcessManager.Trees;

/// <summary>A run about to be spawned: its cgroup (already created; null in the fallback) and its marker.</summary>
internal sealed record PendingTree(string Name, int Id, int Instance, string? Cgroup, string Marker, TimeSpan KillTimeout);
