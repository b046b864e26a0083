namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>Which of an app's output streams a search wants.</summary>
[Flags]
internal enum LogStreams
{
    /// <summary>Neither: matches nothing.</summary>
    None = 0,

    /// <summary>Standard output.</summary>
    Stdout = 1,

    /// <summary>Standard error.</summary>
    Stderr = 2,

    /// <summary>Both streams (the default).</summary>
    Both = Stdout | Stderr,
}
