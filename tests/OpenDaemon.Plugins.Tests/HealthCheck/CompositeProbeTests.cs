using System.Net;
using System.Net.Sockets;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.Tests.HealthCheck.Support;

namespace OpenDaemon.Plugins.Tests.HealthCheck;

/// <summary>composite checks: and/or over real tcp checks, nested two levels.</summary>
public sealed class CompositeProbeTests : IDisposable
{
    private readonly TcpListener _open = new(IPAddress.Loopback, 0);
    private readonly HealthCheckConfig _up;
    private readonly HealthCheckConfig _down = new() { Type = HealthCheckType.Tcp, Host = "127.0.0.1", Port = Ports.Closed() };

    public CompositeProbeTests()
    {
        _open.Start();
        _up = new HealthCheckConfig { Type = HealthCheckType.Tcp, Host = "127.0.0.1", Port = ((IPEndPoint)_open.LocalEndpoint).Port };
    }

    public void Dispose() => _open.Dispose();

    [Fact]
    public async Task And_OneFails_Fails()
    {
        var result = await Probe.RunAsync(Composite(CompositeOperator.And, _up, _down));

        Assert.False(result.Passed);
        Assert.StartsWith("and: tcp passed", result.Message, StringComparison.Ordinal);
        Assert.Contains("tcp failed: connection refused", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task And_AllPass_Passes()
    {
        var result = await Probe.RunAsync(Composite(CompositeOperator.And, _up, _up));

        Assert.True(result.Passed, result.Message);
    }

    [Fact]
    public async Task Or_OnePasses_PassesAndAllFail_Fails()
    {
        var one = await Probe.RunAsync(Composite(CompositeOperator.Or, _down, _up));
        var none = await Probe.RunAsync(Composite(CompositeOperator.Or, _down, _down));

        Assert.True(one.Passed, one.Message);
        Assert.False(none.Passed);
    }

    [Fact]
    public async Task NestedTwoLevels_CombinesInnerResults()
    {
        // or(and(up, down), and(up, up)) passes; and(or(down, down), up) fails.
        var passing = Composite(CompositeOperator.Or, Composite(CompositeOperator.And, _up, _down), Composite(CompositeOperator.And, _up, _up));
        var failing = Composite(CompositeOperator.And, Composite(CompositeOperator.Or, _down, _down), _up);

        var passed = await Probe.RunAsync(passing);
        var failed = await Probe.RunAsync(failing);

        Assert.True(passed.Passed, passed.Message);
        Assert.False(failed.Passed, failed.Message);
        Assert.StartsWith("and: composite failed: or: tcp failed", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NestedCheck_HungPart_IsCutAtItsOwnTimeout()
    {
        using var silent = new SilentServer();
        var hung = new HealthCheckConfig { Type = HealthCheckType.Http, Url = $"http://127.0.0.1:{silent.Port}/", Timeout = TimeSpan.FromMilliseconds(200) };

        var result = await Probe.RunAsync(Composite(CompositeOperator.Or, hung, _up) with { Timeout = TimeSpan.FromSeconds(30) });

        Assert.True(result.Passed, result.Message);
        Assert.Contains("http failed: timed out after 0.2s", result.Message, StringComparison.Ordinal);
    }

    private static HealthCheckConfig Composite(CompositeOperator op, params HealthCheckConfig[] checks) =>
        new() { Type = HealthCheckType.Composite, Operator = op, Checks = checks };
}
