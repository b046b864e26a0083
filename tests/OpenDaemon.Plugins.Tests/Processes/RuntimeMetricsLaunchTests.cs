using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Metrics.Runtime;
using OpenDaemon.Plugins.ProcessManager.Launching;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>What the runtime metrics add to a Node app's environment, and who opts out.</summary>
public sealed class RuntimeMetricsLaunchTests
{
    private static readonly RuntimeMetricsChannel Channel = new("/home/op/.od/state/runtime-preload.cjs", "/run/od/runtime.sock");

    [Fact]
    public void Apply_AppWithItsOwnNodeOptions_AddsThePreloadAfterThemAndTheSocket()
    {
        IReadOnlyList<EnvironmentVariable> environment =
        [
            new("NODE_OPTIONS", "--max-old-space-size=512", "config", Masked: false),
            new("PATH", "/usr/bin", "daemon", Masked: false),
        ];

        var applied = RuntimeMetricsLaunch.Apply(environment, Channel).ToDictionary(variable => variable.Name);

        Assert.Equal("--max-old-space-size=512 --require \"/home/op/.od/state/runtime-preload.cjs\"", applied["NODE_OPTIONS"].Value);
        Assert.Equal(("/run/od/runtime.sock", "od"), (applied["OD_METRICS_SOCKET"].Value, applied["OD_METRICS_SOCKET"].Source));
        Assert.Equal("/usr/bin", applied["PATH"].Value);
        Assert.Equal(3, applied.Count);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    public void Wanted_FollowsMetricsEnabledAndRuntime(bool? enabled, bool? runtime, bool wanted)
    {
        var config = new ProcessConfig { Name = "web", Script = "server.js" };
        if (enabled is not null)
        {
            config = config with { Metrics = new MetricsConfig { Enabled = enabled.Value, Runtime = runtime!.Value } };
        }

        Assert.Equal(wanted, RuntimeMetricsLaunch.Wanted(config));
    }

    [Fact]
    public void DaemonEnvironment_OfAnOuterSupervisor_DoesNotLeakTheMetricsSocketToApps() =>
        Assert.True(EnvironmentBuilder.IsSupervisorVariable(RuntimeMetricsLaunch.SocketVariable));
}
