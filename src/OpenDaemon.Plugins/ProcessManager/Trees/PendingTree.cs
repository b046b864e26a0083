namespace OpenDaemon.Plugins.ProcessManager.Trees;

/// <summary>
/// A run about to be spawned: its cgroup (already created; null in the fallback), whether the exec shim
/// moves the app into it (else the daemon adopts it right after the spawn), and its marker.
/// </summary>
internal sealed record PendingTree(string Name, int Id, int Instance, string? Cgroup, bool ShimMoves, string Marker, TimeSpan KillTimeout);
