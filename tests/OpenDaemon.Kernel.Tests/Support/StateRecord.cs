namespace OpenDaemon.Kernel.Tests.Support;

/// <summary>A self-checking value: the padding is derived from the counter, so a torn or mixed write is detectable.</summary>
internal sealed record StateRecord(int Counter, string Padding)
{
    // Large enough that a write spans many syscalls, widening the window a kill can hit.
    public static StateRecord Create(int counter) => new(counter, new string((char)('a' + (counter % 26)), 256 * 1024));

    public bool IsConsistent => Padding == Create(Counter).Padding;
}
