using OpenDaemon.Plugins.LogManager.Writing;

namespace OpenDaemon.Plugins.Tests.LogManager.Writing;

public sealed class RecentLinesTests
{
    [Fact]
    public void Snapshot_MoreLinesThanCapacity_KeepsTheLastInArrivalOrder()
    {
        var recent = new RecentLines(200);
        recent.Add([.. Enumerable.Range(1, 250).Select(i => i > 50 && i % 50 == 25 ? $"stderr e{i}" : $"stdout o{i}")]);

        var lines = recent.Snapshot();

        Assert.Equal(Enumerable.Range(51, 200).Select(i => i > 50 && i % 50 == 25 ? $"stderr e{i}" : $"stdout o{i}"), lines);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(100)]
    [InlineData(201)]
    public void Snapshot_LinesAddedOneByOne_KeepsTheLastInOrder_AsTheRingsGrow(int count)
    {
        var recent = new RecentLines(200);
        for (var i = 1; i <= count; i++)
        {
            recent.Add([$"stdout o{i}"]);
        }

        Assert.Equal(Enumerable.Range(1, count).TakeLast(200).Select(i => $"stdout o{i}"), recent.Snapshot());
    }

    [Fact]
    public void Snapshot_NothingWritten_IsEmpty() => Assert.Empty(new RecentLines(200).Snapshot());

    [Fact]
    public void Snapshot_ManyStderrLines_TheLastFiftyOfStderrAreAlwaysKept()
    {
        var recent = new RecentLines(200);
        recent.Add([.. Enumerable.Range(1, 60).Select(i => $"stderr e{i}")]);
        recent.Add([.. Enumerable.Range(1, 400).Select(i => $"stdout o{i}")]);

        var lines = recent.Snapshot();

        Assert.Equal(Enumerable.Range(11, 50).Select(i => $"stderr e{i}").Concat(Enumerable.Range(251, 150).Select(i => $"stdout o{i}")), lines);
    }

    [Fact]
    public void Snapshot_StderrReadBeforeALongStdoutBurst_StillHoldsTheStderrLine()
    {
        var recent = new RecentLines(200);
        recent.Add(["stdout early"]);
        recent.Add(["stderr fatal: out of cheese"]);
        recent.Add([.. Enumerable.Range(1, 300).Select(i => $"stdout step {i}")]);

        var lines = recent.Snapshot();

        Assert.Equal(200, lines.Count);
        Assert.Equal("stderr fatal: out of cheese", lines[0]);
        Assert.Equal(Enumerable.Range(102, 199).Select(i => $"stdout step {i}"), lines.Skip(1));
    }
}
