using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Plugins.ProcessManager.Dependencies;

namespace OpenDaemon.Plugins.Tests.Processes.Dependencies;

/// <summary>The graph's checks and orders on a diamond (a ← b, c ← d) and a chain.</summary>
public sealed class DependencyGraphTests
{
    private static ProcessConfig App(string name, params string[] dependencies) => new() { Name = name, Script = "x", Cwd = "/", Dependencies = dependencies };

    private static readonly DependencyGraph Diamond = new([App("d", "b", "c"), App("b", "a"), App("c", "a"), App("a")]);

    [Fact]
    public void Levels_Diamond_CountFromTheRoot()
    {
        var levels = Diamond.Levels();

        Assert.Equal(0, levels["a"]);
        Assert.Equal(1, levels["b"]);
        Assert.Equal(1, levels["c"]);
        Assert.Equal(2, levels["d"]);
    }

    [Fact]
    public void Needs_Diamond_ListsDependenciesBeforeDependentsOnce()
    {
        var needs = Diamond.Needs("d");

        Assert.Equal(3, needs.Count);
        Assert.Equal("a", needs[0]);
        Assert.Equal(["a", "b", "c"], needs.Order());
    }

    [Fact]
    public void Dependents_Diamond_DeepestFirst()
    {
        Assert.Equal(["d", "b", "c"], Diamond.Dependents("a"));
        Assert.Empty(Diamond.Dependents("d"));
    }

    [Fact]
    public void Check_Cycle_NamesTheWholeCycle()
    {
        var graph = new DependencyGraph([App("a", "c"), App("b", "a"), App("c", "b"), App("x")]);

        var error = Assert.Throws<DaemonException>(graph.Check);

        Assert.Equal(ErrorCode.ConfigValidationError, error.Code);
        Assert.Contains("dependency cycle: a → c → b → a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownDependency_NamesIt()
    {
        var error = Assert.Throws<DaemonException>(new DependencyGraph([App("api", "db")]).Check);

        Assert.Contains("api depends on unknown app \"db\"", error.Message, StringComparison.Ordinal);
    }
}
