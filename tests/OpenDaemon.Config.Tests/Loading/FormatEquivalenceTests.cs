using OpenDaemon.Config.Model;
using OpenDaemon.Config.Tests.Support;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Config.Tests.Loading;

public sealed class FormatEquivalenceTests
{
    public static TheoryData<string, string, ConfigFormat> Formats => new()
    {
        { "json", "opendaemon.config.json", ConfigFormat.Json },
        { "yaml", "opendaemon.config.yaml", ConfigFormat.Yaml },
        { "rc", ".opendaemonrc", ConfigFormat.RcJson },
        { "package", "package.json", ConfigFormat.PackageJson },
        { "js", "opendaemon.config.js", ConfigFormat.JavaScript },
        { "mjs", "opendaemon.config.mjs", ConfigFormat.JavaScript },
        { "cjs", "opendaemon.config.cjs", ConfigFormat.JavaScript },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task LoadAsync_SameContentInEachFormat_EqualsTheJsonConfig(string folder, string file, ConfigFormat format)
    {
        var referenceDir = TestConfig.Fixture("formats", "json");
        var reference = TestConfig.AssertValid(await TestConfig.LoadAsync(Path.Combine(referenceDir, "opendaemon.config.json")));
        var dir = TestConfig.Fixture("formats", folder);

        var result = await TestConfig.LoadAsync(Path.Combine(dir, file));

        Assert.Equal(format, result.Format);
        var config = TestConfig.AssertValid(result);
        Assert.Equal(TestConfig.Canonical(reference, referenceDir), TestConfig.Canonical(config, dir));
    }

    [Fact]
    public async Task LoadAsync_JsonFixture_MapsEveryFieldWithUnitsAndDefaults()
    {
        var dir = TestConfig.Fixture("formats", "json");

        var config = TestConfig.AssertValid(await TestConfig.LoadAsync(Path.Combine(dir, "opendaemon.config.json")));

        Assert.Equal("debug", config.Daemon.LogLevel);
        Assert.Equal(TimeSpan.FromSeconds(15), config.Daemon.ShutdownTimeout);
        var api = config.Apps[0];
        Assert.Equal(Path.Combine(dir, "dist", "gateway.js"), api.Script);
        Assert.Equal(dir, api.Cwd);
        Assert.Equal(InstanceCount.Fixed(4), api.Instances);
        Assert.Equal(ExecMode.Cluster, api.Mode);
        Assert.Equal(512L * 1024 * 1024, api.MaxMemory);
        Assert.Equal(RestartBackoff.Exponential, api.RestartStrategy);
        Assert.Equal(EnvValue.Secret("db-url"), api.Env["DATABASE_URL"]);
        Assert.Equal(EnvValue.Literal("json"), api.Env["LOG_FORMAT"]);
        Assert.Equal(HealthCheckType.Http, api.HealthCheck!.Type);
        Assert.Equal(TimeSpan.FromSeconds(10), api.HealthCheck.Interval);
        Assert.Equal(TimeSpan.FromSeconds(5), api.HealthCheck.Timeout);
        Assert.Equal([200, 204], api.HealthCheck.ExpectedStatus);
        Assert.Equal(new BodyMatch { Text = "^ok", IsRegex = true, IgnoreCase = true }, api.HealthCheck.ExpectedBody);
        Assert.Equal(TimeSpan.FromDays(7), api.Logs!.Rotation!.MaxAge);
        Assert.Equal(10L << 20, api.Logs.Rotation.MaxSize);
        var worker = config.Apps[1];
        Assert.Equal(RestartPolicy.Never, worker.AutoRestart);
        Assert.Equal("*/5 * * * *", worker.Schedule!.Cron);
        Assert.Equal(18, worker.Umask);
        Assert.Equal([Path.Combine(dir, "src")], worker.Watch!.Paths);
        Assert.Equal(1L << 30, worker.Limits!.Memory!.Max);
        Assert.True(config.Plugins["log-manager"].GetProperty("prometheus").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task LoadAsync_TypeScript_LoadsWithNewNodeOrExplainsTheVersionNeeded()
    {
        var dir = TestConfig.Fixture("formats", "ts");
        var path = Path.Combine(dir, "opendaemon.config.ts");
        var version = await NodeVersionAsync();

        if (version >= new Version(22, 6))
        {
            var referenceDir = TestConfig.Fixture("formats", "json");
            var reference = TestConfig.AssertValid(await TestConfig.LoadAsync(Path.Combine(referenceDir, "opendaemon.config.json")));
            var config = TestConfig.AssertValid(await TestConfig.LoadAsync(path));
            Assert.Equal(TestConfig.Canonical(reference, referenceDir), TestConfig.Canonical(config, dir));
        }
        else
        {
            var error = await Assert.ThrowsAsync<DaemonException>(() => TestConfig.LoadAsync(path));
            Assert.Equal(ErrorCode.ConfigInvalid, error.Code);
            Assert.Contains("Node.js ≥ 22.6", error.Message, StringComparison.Ordinal);
            Assert.Contains(".mjs", error.Hint, StringComparison.Ordinal);
        }
    }

    private static async Task<Version> NodeVersionAsync()
    {
        using var node = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
        var text = await node.StandardOutput.ReadToEndAsync().WaitAsync(TestConfig.Timeout);
        await node.WaitForExitAsync().WaitAsync(TestConfig.Timeout);
        return Version.Parse(text.Trim().TrimStart('v'));
    }
}
