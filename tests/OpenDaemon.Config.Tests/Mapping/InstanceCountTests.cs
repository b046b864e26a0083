using OpenDaemon.Config.Model;
using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Mapping;

/// <summary><c>instances</c>: a count, <c>max</c>, or <c>max-N</c>, and how each resolves against the usable CPUs.</summary>
public sealed class InstanceCountTests
{
    [Theory]
    [InlineData("max", 0)]
    [InlineData("MAX", 0)]
    [InlineData("max-1", 1)]
    [InlineData("max - 2", 2)]
    public async Task LoadAsync_MaxForms_AreMaxWithReservedCpus(string text, int reserved)
    {
        var instances = await LoadInstancesAsync($"\"{text}\"");

        Assert.True(instances.IsMax);
        Assert.Equal(reserved, instances.Reserved);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("\"4\"", 4)]
    public async Task LoadAsync_WholeNumber_IsFixed(string yaml, int count)
    {
        var instances = await LoadInstancesAsync(yaml);

        Assert.False(instances.IsMax);
        Assert.Equal(count, instances.Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("\"max-\"")]
    [InlineData("\"max-x\"")]
    [InlineData("\"lots\"")]
    [InlineData("-2")]
    public async Task LoadAsync_InvalidInstances_IsAProblemAtInstances(string yaml)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", $"apps: [ {{ name: a, script: a.js, instances: {yaml} }} ]");

        var result = await TestConfig.LoadAsync(file);

        Assert.Contains(result.Problems, p => p.Path == "apps[0].instances");
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(1, 1)]
    public void Resolve_Max_IsTheUsableCpus(int cpus, int expected) =>
        Assert.Equal(expected, InstanceCount.Max.Resolve(cpus));

    [Theory]
    [InlineData(8, 1, 7)]
    [InlineData(4, 3, 1)]
    [InlineData(2, 2, 1)]  // never below one instance
    [InlineData(2, 10, 1)]
    public void Resolve_MaxMinusN_LeavesNCpusFreeButRunsAtLeastOne(int cpus, int reserved, int expected) =>
        Assert.Equal(expected, InstanceCount.AllBut(reserved).Resolve(cpus));

    [Fact]
    public void Resolve_Fixed_IgnoresTheCpus() =>
        Assert.Equal(5, InstanceCount.Fixed(5).Resolve(2));

    [Fact]
    public void ToString_RoundTripsTheConfigForms()
    {
        Assert.Equal("max", InstanceCount.Max.ToString());
        Assert.Equal("max", InstanceCount.AllBut(0).ToString());
        Assert.Equal("max-2", InstanceCount.AllBut(2).ToString());
        Assert.Equal("3", InstanceCount.Fixed(3).ToString());
    }

    private static async Task<InstanceCount> LoadInstancesAsync(string yaml)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", $"apps: [ {{ name: a, script: a.js, instances: {yaml} }} ]");

        var result = await TestConfig.LoadAsync(file);

        return Assert.Single(TestConfig.AssertValid(result).Apps).Instances;
    }
}
