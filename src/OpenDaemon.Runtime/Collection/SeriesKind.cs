namespace OpenDaemon.Runtime.Collection;

/// <summary>The three types the daemon accepts; every instrument maps to one.</summary>
internal enum SeriesKind
{
    Counter,
    Gauge,
    Histogram,
}
