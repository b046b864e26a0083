using System.Text.Json;
using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary><c>od init</c> and <c>od validate</c>: local, no daemon, exit code 0 only when valid.</summary>
public sealed class ConfigCommandsTests
{
    [Fact]
    public async Task Init_ThenValidate_StarterConfigIsValid()
    {
        await using var od = new OdSandbox();
        var project = Directory.CreateDirectory(Path.Combine(od.Home, "project")).FullName;

        var init = await od.RunInAsync(project, "init");
        var validate = await od.RunInAsync(project, "validate");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.True(File.Exists(Path.Combine(project, "opendaemon.config.yaml")));
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.StartsWith("valid", validate.StandardOutput, StringComparison.Ordinal);
        Assert.False(od.DaemonHoldsLock, "validate must not need a daemon");
    }

    [Fact]
    public async Task Init_WhenTheFileExists_RefusesWithConfigExists()
    {
        await using var od = new OdSandbox();
        Assert.Equal(0, (await od.RunInAsync(od.Home, "init", "--format", "json")).ExitCode);

        var again = await od.RunInAsync(od.Home, "init", "--format", "json");

        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith("CONFIG_EXISTS:", again.StandardError, StringComparison.Ordinal);
        Assert.Contains("--force", again.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BrokenFile_ListsEveryProblemWithPathAndExitsOne()
    {
        await using var od = new OdSandbox();
        var file = Path.Combine(od.Home, "opendaemon.config.yaml");
        await File.WriteAllTextAsync(file, "apps:\n  - name: api\n    script: ./api.js\n    instances: lots\n  - name: api\n    scirpt: ./b.js\n");

        var human = await od.RunAsync("validate", file);
        var json = await od.RunAsync("validate", file, "--json");

        Assert.Equal(1, human.ExitCode);
        Assert.Contains("apps[0].instances", human.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("did you mean 'script'", human.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("CONFIG_VALIDATION_ERROR", human.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        using var document = JsonDocument.Parse(json.StandardOutput);
        Assert.False(document.RootElement.GetProperty("valid").GetBoolean());
        Assert.True(document.RootElement.GetProperty("problems").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task Validate_NoConfigInDirectory_FailsWithConfigNotFoundAndHint()
    {
        await using var od = new OdSandbox();

        var result = await od.RunInAsync(od.Home, "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("CONFIG_NOT_FOUND:", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("od init", result.StandardError, StringComparison.Ordinal);
    }
}
