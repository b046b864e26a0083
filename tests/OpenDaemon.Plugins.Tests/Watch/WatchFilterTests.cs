using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.Watch;

namespace OpenDaemon.Plugins.Tests.Watch;

public sealed class WatchFilterTests
{
    private const string Root = "/srv/app";

    [Theory]
    [InlineData("/srv/app/node_modules/x/index.js", true)]
    [InlineData("/srv/app/.git/HEAD", true)]
    [InlineData("/srv/app/tmp/cache.bin", true)]
    [InlineData("/srv/app/app.log", true)]
    [InlineData("/srv/app/app-2.log", true)]
    [InlineData("/srv/app/app.log.1", true)]
    [InlineData("/srv/app/err.log", true)]
    [InlineData("/srv/app/app.pid", true)]
    [InlineData("/srv/app/server.js", false)]
    [InlineData("/srv/app/src/app.js", false)]
    public void IsIgnored_DefaultsConfiguredGlobsAndOwnLogFiles(string path, bool ignored)
    {
        var filter = WatchFilter.For(new ProcessConfig
        {
            Name = "app",
            Script = "server.js",
            Cwd = Root,
            LogFile = "/srv/app/app.log",
            ErrorLogFile = "/srv/app/err.log",
            PidFile = "/srv/app/app.pid",
            Watch = new WatchConfig { Paths = [Root], Ignore = ["tmp"] },
        });

        Assert.Equal(ignored, filter.IsIgnored(Root, path));
    }

    [Fact]
    public void IsIgnored_ConfiguredIgnoreWithoutDefaults_StillIgnoresNodeModules()
    {
        var filter = new WatchFilter(["*.tmp"], []);

        Assert.True(filter.IsIgnored(Root, "/srv/app/node_modules/a.js"));
        Assert.True(filter.IsIgnored(Root, "/srv/app/x.tmp"));
        Assert.False(filter.IsIgnored(Root, "/srv/app/x.js"));
    }
}
