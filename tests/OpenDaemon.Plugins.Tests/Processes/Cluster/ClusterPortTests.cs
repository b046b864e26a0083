using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Cluster;

namespace OpenDaemon.Plugins.Tests.Processes.Cluster;

/// <summary>The port a cluster app shares: 'port' first, then PORT from its resolved environment, else a clear error.</summary>
public sealed class ClusterPortTests
{
    [Fact]
    public void Resolve_PortField_WinsOverPortVariable()
    {
        var config = App() with { Port = 3000 };

        Assert.Equal(3000, ClusterPort.Resolve(config, [Variable("PORT", "4000")]));
    }

    [Fact]
    public void Resolve_OnlyPortVariable_IsThatPort()
    {
        Assert.Equal(8080, ClusterPort.Resolve(App(), [Variable("HOST", "x"), Variable("PORT", "8080")]));
    }

    [Fact]
    public void Resolve_NoPortAnywhere_FailsSayingWhatToSet()
    {
        var error = Assert.Throws<DaemonException>(() => ClusterPort.Resolve(App(), [Variable("HOST", "x")]));

        Assert.Equal(ErrorCode.ProcessStartFailed, error.Code);
        Assert.Contains("app api: cluster mode needs the port", error.Message, StringComparison.Ordinal);
        Assert.Contains("port: 3000", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData(" 80")]
    public void Resolve_PortVariableNotATcpPort_FailsNamingTheValue(string value)
    {
        var error = Assert.Throws<DaemonException>(() => ClusterPort.Resolve(App(), [Variable("PORT", value)]));

        Assert.Equal(ErrorCode.ProcessStartFailed, error.Code);
        Assert.Contains($"PORT is '{value}', not a TCP port", error.Message, StringComparison.Ordinal);
    }

    private static ProcessConfig App() => new() { Name = "api", Script = "server.js", Mode = ExecMode.Cluster };

    private static EnvironmentVariable Variable(string name, string value) => new(name, value, "config", Masked: false);
}
