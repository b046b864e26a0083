namespace OpenDaemon.Runtime.Tests;

/// <summary>
/// Tests that must not run beside each other: a reporter of every meter (the default) also sees the meters of
/// tests running at the same time, and the ones that fill the 500-series budget or a whole line would leave it no
/// room for the series it checks.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EveryMeterCollection
{
    public const string Name = "Every meter of the process";
}
