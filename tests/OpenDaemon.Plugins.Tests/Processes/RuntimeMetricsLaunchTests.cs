using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Metrics.Runtime;
using OpenDaemon.Plugins.ProcessManager.Launching;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>What the runtime metrics add to an app's environment, and who opts out.</summary>
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

        var applied = RuntimeMetricsLaunch.Apply(environment, Channel, preload: true).ToDictionary(variable => variable.Name);

        Assert.Equal("--max-old-space-size=512 --require \"/home/op/.od/state/runtime-preload.cjs\"", applied["NODE_OPTIONS"].Value);
        Assert.Equal(("/run/od/runtime.sock", "od"), (applied["OD_METRICS_SOCKET"].Value, applied["OD_METRICS_SOCKET"].Source));
        Assert.Equal("/usr/bin", applied["PATH"].Value);
        Assert.Equal(3, applied.Count);
    }

    [Fact]
    public void Apply_WithoutThePreload_AddsOnlyTheSocketAndLeavesNodeOptionsAlone()
    {
        IReadOnlyList<EnvironmentVariable> environment = [new("NODE_OPTIONS", "--max-old-space-size=512", "config", Masked: false)];

        var applied = RuntimeMetricsLaunch.Apply(environment, Channel, preload: false).ToDictionary(variable => variable.Name);

        Assert.Equal("--max-old-space-size=512", applied["NODE_OPTIONS"].Value);
        Assert.Equal("/run/od/runtime.sock", applied["OD_METRICS_SOCKET"].Value);
    }

    [Theory]
    [InlineData(null, null, true, true)]
    [InlineData(true, true, true, true)]
    [InlineData(true, false, true, false)]
    [InlineData(false, true, false, false)]
    public void Wanted_FollowsMetricsEnabledAndRuntime(bool? enabled, bool? runtime, bool socket, bool preload)
    {
        var config = new ProcessConfig { Name = "web", Script = "server.js" };
        if (enabled is not null)
        {
            config = config with { Metrics = new MetricsConfig { Enabled = enabled.Value, Runtime = runtime!.Value } };
        }

        Assert.Equal((socket, preload), (RuntimeMetricsLaunch.SocketWanted(config), RuntimeMetricsLaunch.PreloadWanted(config)));
    }

    [Fact]
    public void DaemonEnvironment_OfAnOuterSupervisor_DoesNotLeakTheMetricsSocketToApps() =>
        Assert.True(EnvironmentBuilder.IsSupervisorVariable(RuntimeMetricsLaunch.SocketVariable));
}
