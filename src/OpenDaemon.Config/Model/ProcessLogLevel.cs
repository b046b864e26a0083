namespace OpenDaemon.Config.Model;

/// <summary>Log levels of spec §3.3.</summary>
public enum ProcessLogLevel
{
    /// <summary>Everything.</summary>
    Trace,

    /// <summary>Debugging detail.</summary>
    Debug,

    /// <summary>Normal operation.</summary>
    Info,

    /// <summary>Something unexpected.</summary>
    Warn,

    /// <summary>A failure.</summary>
    Error,

    /// <summary>An unrecoverable failure.</summary>
    Fatal,
}
