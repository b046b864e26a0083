using System.Net;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.ProcessManager.Cluster;

namespace OpenDaemon.Plugins.Tests.Processes.Cluster;

/// <summary>Which instance each strategy picks, without sockets.</summary>
public sealed class ConnectionBalancerTests
{
    private static readonly ConnectionBalancer.Candidate[] Three = [new(0, 0), new(1, 0), new(2, 0)];

    private static string Picks(ConnectionBalancer balancer, IReadOnlyList<ConnectionBalancer.Candidate> candidates, int count, IPAddress? client = null) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => candidates[balancer.Pick(candidates, client)].Instance));

    [Fact]
    public void RoundRobin_TakesEachInTurn() =>
        Assert.Equal("0120120", Picks(new ConnectionBalancer(LoadBalancingStrategy.RoundRobin, [], _ => 0), Three, 7));

    [Fact]
    public void Weighted_FiveOneOne_IsSmoothNotFiveInARow() =>
        Assert.Equal("0010200", Picks(new ConnectionBalancer(LoadBalancingStrategy.Weighted, [5, 1, 1], _ => 0), Three, 7));

    [Fact]
    public void Weighted_MissingWeightIsOne() =>
        Assert.Equal("1011", Picks(new ConnectionBalancer(LoadBalancingStrategy.Weighted, [1, 3], _ => 0), [new(0, 0), new(1, 0)], 4));

    [Fact]
    public void LeastConnections_FewestOpenWins_TiesInTurn()
    {
        var balancer = new ConnectionBalancer(LoadBalancingStrategy.LeastConnections, [], _ => 0);

        Assert.Equal("2222", Picks(balancer, [new(0, 3), new(1, 1), new(2, 0)], 4));
        Assert.Equal("0101", Picks(new ConnectionBalancer(LoadBalancingStrategy.LeastConnections, [], _ => 0), [new(0, 2), new(1, 2), new(2, 5)], 4));
    }

    [Fact]
    public void IpHash_SameClientSameInstance_V4MappedAlike()
    {
        var balancer = new ConnectionBalancer(LoadBalancingStrategy.IpHash, [], _ => 0);
        var client = IPAddress.Parse("203.0.113.7");

        var picks = Picks(balancer, Three, 5, client);

        Assert.Single(picks.Distinct());
        Assert.Equal(picks[..1], Picks(balancer, Three, 1, client.MapToIPv6()));
    }

    [Fact]
    public void Random_UsesTheGivenSource() =>
        Assert.Equal("222", Picks(new ConnectionBalancer(LoadBalancingStrategy.Random, [], count => count - 1), Three, 3));
}
