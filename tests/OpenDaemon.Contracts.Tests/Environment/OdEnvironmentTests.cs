using OpenDaemon.Contracts.Environment;

namespace OpenDaemon.Contracts.Tests.Environment;

public sealed class OdEnvironmentTests
{
    [Fact]
    public void FromEnvironment_NoVariables_UsesDotOpendaemonInHome()
    {
        var environment = OdEnvironment.FromEnvironment(Lookup(("HOME", "/home/ops")));

        Assert.Equal("/home/ops/.opendaemon", environment.Home);
        Assert.False(environment.HomeIsExplicit);
        Assert.Null(environment.SocketOverride);
        Assert.Equal("/home/ops/.opendaemon/daemon.log", environment.DaemonLogPath);
    }

    [Fact]
    public void FromEnvironment_OdHomeSet_IsExplicitAndAbsolute()
    {
        var environment = OdEnvironment.FromEnvironment(Lookup(("HOME", "/home/ops"), ("OD_HOME", "/srv/od")));

        Assert.Equal("/srv/od", environment.Home);
        Assert.True(environment.HomeIsExplicit);
    }

    [Fact]
    public void FromEnvironment_BlankOdHome_IsIgnored()
    {
        var environment = OdEnvironment.FromEnvironment(Lookup(("HOME", "/home/ops"), ("OD_HOME", "  ")));

        Assert.False(environment.HomeIsExplicit);
    }

    [Fact]
    public void FromEnvironment_OdSocketSet_OverridesSocketOnly()
    {
        var environment = OdEnvironment.FromEnvironment(Lookup(("HOME", "/home/ops"), ("OD_SOCKET", "/tmp/od.sock")));

        Assert.Equal("/tmp/od.sock", environment.SocketOverride);
        Assert.False(environment.HomeIsExplicit);
    }

    private static Func<string, string?> Lookup(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(variable => variable.Name == name).Value;
}
