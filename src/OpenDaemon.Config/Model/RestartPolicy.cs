namespace OpenDaemon.Config.Model;

/// <summary>When an exited app is restarted (spec §3.1 <c>autoRestart</c>; <c>true</c> = always, <c>false</c> = never).</summary>
public enum RestartPolicy
{
    /// <summary>Restart on every exit.</summary>
    Always,

    /// <summary>Restart only after a non-zero exit or a signal.</summary>
    OnFailure,

    /// <summary>Restart unless a user stopped it explicitly.</summary>
    UnlessStopped,

    /// <summary>Never restart.</summary>
    Never,
}
