namespace OpenDaemon.Runtime.Collection;

/// <summary>The state of one series (an instrument and one set of tags); measurements arrive on any thread.</summary>
internal abstract class Series
{
    /// <summary>Takes one finite measurement.</summary>
    public abstract void Record(double value);
}
