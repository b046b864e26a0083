namespace OpenDaemon.Plugins.Abstractions;

/// <summary>One run's capture.</summary>
public interface IRunOutput
{
    /// <summary>Completes when both streams reached end of file and every line was handed to its log file.</summary>
    Task Completion { get; }

    /// <summary>
    /// The run's last lines (at most 200, both streams, oldest first, each as
    /// <c>"&lt;stdout|stderr&gt; &lt;text&gt;"</c>), kept with the exit record of an abnormal exit.
    /// </summary>
    IReadOnlyList<string> LastLines();
}
