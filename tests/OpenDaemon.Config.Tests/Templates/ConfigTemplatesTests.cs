using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Templates;

public sealed class ConfigTemplatesTests
{
    [Theory]
    [InlineData(ConfigFormat.Yaml)]
    [InlineData(ConfigFormat.Json)]
    [InlineData(ConfigFormat.TypeScript)]
    [InlineData(ConfigFormat.JavaScript)]
    public async Task Create_PackageJsonWithMain_LoadsBackAsAValidConfigForThatScript(ConfigFormat format)
    {
        using var dir = new TempDirectory();
        dir.Write("package.json", "{ \"name\": \"@shop/api\", \"main\": \"dist/server.js\" }");
        var text = ConfigTemplates.Create(format, dir.Path);
        // The TS template has no type annotations, so it loads as .mjs too: node 20 cannot strip types.
        var name = format == ConfigFormat.TypeScript ? "opendaemon.config.mjs" : ConfigTemplates.FileName(format);
        var file = dir.Write(name, text);

        var config = TestConfig.AssertValid(await TestConfig.LoadAsync(file));

        var app = Assert.Single(config.Apps);
        Assert.Equal("api", app.Name);
        Assert.Equal(Path.Combine(dir.Path, "dist", "server.js"), app.Script);
        Assert.Equal(512L << 20, app.MaxMemory);
    }

    [Fact]
    public async Task Create_StartScriptOnly_UsesTheScriptFromScriptsStart()
    {
        using var dir = new TempDirectory();
        dir.Write("package.json", "{ \"name\": \"web\", \"scripts\": { \"start\": \"node --enable-source-maps src/main.mjs --port 80\" } }");

        var config = TestConfig.AssertValid(await TestConfig.LoadAsync(dir.Write("opendaemon.config.yaml", ConfigTemplates.Create(ConfigFormat.Yaml, dir.Path))));

        Assert.Equal(Path.Combine(dir.Path, "src", "main.mjs"), config.Apps[0].Script);
    }

    [Fact]
    public void Create_NoPackageJson_UsesTheDirectoryNameAndIndexJs()
    {
        using var dir = new TempDirectory();

        var text = ConfigTemplates.Create(ConfigFormat.Yaml, dir.Path);

        Assert.Contains($"name: \"{Path.GetFileName(dir.Path)}\"", text, StringComparison.Ordinal);
        Assert.Contains("script: \"./index.js\"", text, StringComparison.Ordinal);
        Assert.Contains("# ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PackageJsonFormat_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfigTemplates.Create(ConfigFormat.PackageJson, "."));
}
