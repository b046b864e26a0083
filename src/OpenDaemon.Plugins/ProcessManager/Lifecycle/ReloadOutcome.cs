namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>How one instance's reload ended.</summary>
internal enum ReloadResult
{
    /// <summary>A new run is online and the old one is gone.</summary>
    Reloaded,

    /// <summary>The new run did not become ready (or the reload was cancelled); the old run still serves.</summary>
    Failed,

    /// <summary>The instance was not online: there is nothing to keep serving, the caller restarts it.</summary>
    NotOnline,

    /// <summary>A reload of this instance is already in progress.</summary>
    Busy,
}

/// <summary>The answer to a <see cref="ReloadCommand"/>.</summary>
/// <param name="Result">How it ended.</param>
/// <param name="Reason">Why it failed (or what it did), in words for the user.</param>
/// <param name="Snapshot">The instance once the reload was over.</param>
internal sealed record ReloadOutcome(ReloadResult Result, string Reason, InstanceSnapshot Snapshot);
