namespace OpenDaemon.Hosting.Processes;

/// <summary>Starts app processes: the seam between the process manager and the operating system.</summary>
public interface IProcessSpawner
{
    /// <summary>Starts the process described by <paramref name="request"/> in a new session.</summary>
    /// <exception cref="SpawnException">The process could not be started; the message says why in plain words.</exception>
    SpawnedProcess Spawn(SpawnRequest request);
}
