namespace OpenDaemon.Runtime;

/// <summary>
/// What the daemon keeps of one report (its CustomMetricRules and runtime socket). More would be dropped there or
/// close the connection, so the library never sends more: it stops adding series instead.
/// </summary>
internal static class WireLimits
{
    public const int MaxSeries = 500;
    public const int MaxNameLength = 128;
    public const int MaxHelpLength = 512;
    public const int MaxLabels = 16;
    public const int MaxLabelLength = 256;
    public const int MaxBuckets = 64;

    /// <summary>One report line, its newline included.</summary>
    public const int MaxLineBytes = 128 * 1024;
}
