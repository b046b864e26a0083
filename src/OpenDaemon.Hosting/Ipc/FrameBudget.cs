namespace OpenDaemon.Hosting.Ipc;

// Overview: one FrameBudget per server, shared by every connection's read loop. Each loop charges the
// bytes of the frame it is still receiving (what its pipe holds past the last complete frame) and
// drops its charge when the frame completes or the connection closes, so InUse is the memory that
// unfinished frames hold across all clients. Only the owning read loop touches a connection's charge;
// the shared total is updated with Interlocked, and a charge that would pass the limit is undone, so the
// total never stays above it. When the total falls back to zero after a spike, ReleasedAfterSpike says
// so (once), which the server uses to give the memory back to the OS.

/// <summary>The bytes of unfinished frames all connections of a server may hold at once.</summary>
internal sealed class FrameBudget(long limit, long spikeThreshold)
{
    private long _inUse;
    private long _peak;

    public long Limit => limit;

    /// <summary>Bytes charged right now, all connections together.</summary>
    public long InUse => Volatile.Read(ref _inUse);

    /// <summary>
    /// Sets a connection's charge to <paramref name="bytes"/>. False, with the charge unchanged, when
    /// growing it would take the total past the limit.
    /// </summary>
    /// <param name="charged">The connection's current charge, updated on success.</param>
    /// <param name="bytes">What the connection holds now.</param>
    /// <param name="releasedAfterSpike">True when this call brought the total back to zero after it passed the spike threshold.</param>
    public bool TryCharge(ref long charged, long bytes, out bool releasedAfterSpike)
    {
        releasedAfterSpike = false;
        var delta = bytes - charged;
        if (delta == 0)
        {
            return true;
        }

        var total = Interlocked.Add(ref _inUse, delta);
        if (delta > 0 && total > limit)
        {
            Interlocked.Add(ref _inUse, -delta);
            return false;
        }

        charged = bytes;
        if (delta > 0)
        {
            // A racy max is fine: the peak only decides whether memory is worth giving back.
            if (total > Volatile.Read(ref _peak))
            {
                Volatile.Write(ref _peak, total);
            }
        }
        else if (total == 0 && Volatile.Read(ref _peak) >= spikeThreshold)
        {
            releasedAfterSpike = Interlocked.Exchange(ref _peak, 0) >= spikeThreshold;
        }

        return true;
    }
}
