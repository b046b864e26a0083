using OpenDaemon.Config.Tests.Support;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Config.Tests.Loading;

public sealed class NodeEvaluatorTests
{
    [Fact]
    public async Task LoadAsync_JsConfigThrows_ThrowsConfigInvalidWithNodesMessage()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.mjs", "throw new Error('DATABASE_URL is not set');\nexport default {};\n");

        var error = await Assert.ThrowsAsync<DaemonException>(() => TestConfig.LoadAsync(file));

        Assert.Equal(ErrorCode.ConfigInvalid, error.Code);
        Assert.Contains("DATABASE_URL is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("opendaemon.config.mjs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_JsSyntaxError_ThrowsConfigInvalid()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.cjs", "module.exports = { apps: [ };\n");

        var error = await Assert.ThrowsAsync<DaemonException>(() => TestConfig.LoadAsync(file));

        Assert.Equal(ErrorCode.ConfigInvalid, error.Code);
        Assert.Contains("SyntaxError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NodeMissing_ThrowsConfigInvalidWithHint()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.js", "export default { apps: [] };\n");

        var error = await Assert.ThrowsAsync<DaemonException>(() =>
            TestConfig.LoadAsync(file, new ConfigLoadOptions { NodeExecutable = Path.Combine(dir.Path, "no-such-node") }));

        Assert.Equal(ErrorCode.ConfigInvalid, error.Code);
        Assert.Contains("Node.js is needed", error.Message, StringComparison.Ordinal);
        Assert.Contains("opendaemon.config.json", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ConfigNeverSettles_TimesOutWithConfigInvalid()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.mjs", "export default new Promise(() => setInterval(() => {}, 1000));\n");

        var error = await Assert.ThrowsAsync<DaemonException>(() =>
            TestConfig.LoadAsync(file, new ConfigLoadOptions { NodeTimeout = TimeSpan.FromSeconds(2) }));

        Assert.Equal(ErrorCode.ConfigInvalid, error.Code);
        Assert.Contains("did not finish", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ConsoleOutputAndDefineConfig_DoNotDisturbTheJson()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.mjs", """
            import { defineConfig } from 'opendaemon';
            console.log('loading config...');
            export default defineConfig(({ env }) => ({ apps: [{ name: 'a', script: 'a.js', env: { WHERE: env ?? 'none' } }] }));
            """);

        var config = TestConfig.AssertValid(await TestConfig.LoadAsync(file, new ConfigLoadOptions { EnvironmentName = "production" }));

        Assert.Equal("production", config.Apps[0].Env["WHERE"].Value);
    }

    [Fact]
    public async Task LoadAsync_JsValidationProblem_ReportsPathWithoutPosition()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.cjs", "module.exports = { apps: [{ name: 'a', script: 'a.js', instances: -3 }] };\n");

        var problem = Assert.Single((await TestConfig.LoadAsync(file)).Problems);

        Assert.Equal("apps[0].instances", problem.Path);
        Assert.Null(problem.Line);
    }

    [Theory]
    [InlineData("stderr")]
    [InlineData("stdout")]
    public async Task LoadAsync_ConfigPrintsEndlessly_FailsBoundedLongBeforeTheTimeout(string stream)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.mjs", $"const line = 'x'.repeat(65536);\nconst spam = () => {{ while (process.{stream}.write(line)) {{ }} process.{stream}.once('drain', spam); }};\nspam();\nexport default new Promise(() => {{ }});\n");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DaemonException>(() => TestConfig.LoadAsync(file, new ConfigLoadOptions { NodeTimeout = TimeSpan.FromMinutes(2) })
            .WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(ErrorCode.ConfigInvalid, error.Code);
        Assert.Contains($"MB on {stream}", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }
}
