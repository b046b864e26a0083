using OpenDaemon.Config.Tests.Support;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Config.Tests.Loading;

public sealed class DiscoveryTests
{
    [Fact]
    public void DiscoveryOrder_FollowsTheSpecThenPm2()
    {
        Assert.Equal(
            ["opendaemon.config.ts", "opendaemon.config.js", "opendaemon.config.mjs", "opendaemon.config.cjs", "opendaemon.config.json",
             "opendaemon.config.yaml", "opendaemon.config.yml", ".opendaemonrc", "package.json",
             "ecosystem.config.js", "ecosystem.config.cjs", "ecosystem.config.mjs", "ecosystem.config.json", "ecosystem.config.yaml", "ecosystem.config.yml"],
            ConfigLoader.DiscoveryOrder);
    }

    [Fact]
    public void Discover_SeveralFiles_ReturnsTheFirstInOrder()
    {
        using var dir = new TempDirectory();
        foreach (var name in ConfigLoader.DiscoveryOrder.Reverse())
        {
            dir.Write(name, name == "package.json" ? "{ \"opendaemon\": {} }" : "{}");
            Assert.Equal(Path.Combine(dir.Path, name), ConfigLoader.Discover(dir.Path));
        }
    }

    [Fact]
    public void Discover_PackageJsonWithoutOpenDaemonField_IsSkipped()
    {
        using var dir = new TempDirectory();
        dir.Write("package.json", "{ \"name\": \"app\", \"main\": \"index.js\" }");
        Assert.Null(ConfigLoader.Discover(dir.Path));

        var ecosystem = dir.Write("ecosystem.config.js", "module.exports = { apps: [] };");
        Assert.Equal(ecosystem, ConfigLoader.Discover(dir.Path));
    }

    [Fact]
    public void Discover_EmptyDirectory_ReturnsNull()
    {
        using var dir = new TempDirectory();
        Assert.Null(ConfigLoader.Discover(dir.Path));
    }

    [Fact]
    public async Task LoadAsync_MissingFile_ThrowsConfigNotFound()
    {
        using var dir = new TempDirectory();
        var error = await Assert.ThrowsAsync<DaemonException>(() => TestConfig.LoadAsync(Path.Combine(dir.Path, "nope.yaml")));
        Assert.Equal(ErrorCode.ConfigNotFound, error.Code);
    }

    [Fact]
    public async Task LoadAsync_PackageJsonWithoutField_ReportsAProblem()
    {
        using var dir = new TempDirectory();
        var result = await TestConfig.LoadAsync(dir.Write("package.json", "{ \"name\": \"x\" }"));
        Assert.Equal(ConfigFormat.PackageJson, result.Format);
        Assert.Equal("opendaemon", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public async Task LoadAsync_PackageJsonProblem_HasThePositionInsidePackageJson()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("package.json", "{\n  \"name\": \"x\",\n  \"opendaemon\": {\n    \"apps\": [ { \"name\": \"a\", \"script\": \"a.js\", \"nice\": 99 } ]\n  }\n}\n");

        var problem = Assert.Single((await TestConfig.LoadAsync(file)).Problems);

        Assert.Equal("apps[0].nice", problem.Path);
        Assert.Equal(4, problem.Line);
    }
}
