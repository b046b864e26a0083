using System.Net;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>
/// Picks the instance that gets the next connection (spec §3.5), among the instances that can take one now:
/// round-robin, least-connections (fewest open, ties in turn), ip-hash (the client's address, so a client and
/// its WebSockets stay on one instance while the set does not change), random, weighted (smooth weighted
/// round-robin over <c>cluster.weights</c>, by instance index; a missing weight is 1).
/// </summary>
/// <remarks>Used by one accept loop only: not thread-safe.</remarks>
internal sealed class ConnectionBalancer(LoadBalancingStrategy strategy, IReadOnlyList<int> weights, Func<int, int> random)
{
    private readonly Dictionary<int, long> _current = [];
    private long _turn;

    /// <summary>One candidate: its instance index and its connections still open.</summary>
    public readonly record struct Candidate(int Instance, int Open);

    /// <summary>The index into <paramref name="candidates"/> (never empty, ordered by instance) of the chosen one.</summary>
    public int Pick(IReadOnlyList<Candidate> candidates, IPAddress? client)
    {
        var turn = _turn++;
        return strategy switch
        {
            LoadBalancingStrategy.LeastConnections => Fewest(candidates, turn),
            LoadBalancingStrategy.IpHash => Hash(client, candidates.Count),
            LoadBalancingStrategy.Random => random(candidates.Count),
            LoadBalancingStrategy.Weighted => Weighted(candidates),
            _ => (int)(turn % candidates.Count),
        };
    }

    /// <summary>The weight of an instance: <c>cluster.weights[index]</c>, or 1.</summary>
    public int WeightOf(int instance) => instance < weights.Count ? weights[instance] : 1;

    private static int Fewest(IReadOnlyList<Candidate> candidates, long turn)
    {
        var fewest = candidates.Min(candidate => candidate.Open);
        var tied = Enumerable.Range(0, candidates.Count).Where(index => candidates[index].Open == fewest).ToList();
        return tied[(int)(turn % tied.Count)];
    }

    /// <summary>FNV-1a of <paramref name="key"/>: the same key always gives the same index below <paramref name="count"/>.</summary>
    public static int HashIndex(ReadOnlySpan<byte> key, int count)
    {
        var hash = 2166136261u;
        foreach (var b in key)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)count);
    }

    // By the address bytes (IPv4-mapped IPv6 as IPv4, so one client hashes alike on both).
    private static int Hash(IPAddress? client, int count) =>
        HashIndex(client is null ? [] : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).GetAddressBytes(), count);

    // nginx's smooth weighted round-robin: each pick adds every weight to its counter, takes the largest, and
    // subtracts the total from it — 5:1:1 gives a a b a c a a, never five in a row.
    private int Weighted(IReadOnlyList<Candidate> candidates)
    {
        var total = 0L;
        var best = 0;
        for (var index = 0; index < candidates.Count; index++)
        {
            var weight = WeightOf(candidates[index].Instance);
            total += weight;
            var current = _current.GetValueOrDefault(candidates[index].Instance) + weight;
            _current[candidates[index].Instance] = current;
            if (current > _current[candidates[best].Instance])
            {
                best = index;
            }
        }

        _current[candidates[best].Instance] -= total;
        return best;
    }
}
