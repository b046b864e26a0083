using OpenDaemon.Plugins.Watch;

namespace OpenDaemon.Plugins.Tests.Watch;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("node_modules", "node_modules/a/b.js", true)]
    [InlineData("node_modules", "src/node_modules/x.js", true)]
    [InlineData("node_modules", "src/modules.js", false)]
    [InlineData("*.log", "logs/out.log", true)]
    [InlineData("*.log", "out.log.js", false)]
    [InlineData("src/*.js", "src/a.js", true)]
    [InlineData("src/*.js", "src/sub/a.js", false)]
    [InlineData("src/**/*.js", "src/sub/deep/a.js", true)]
    [InlineData("src/**/*.js", "src/a.js", true)]
    [InlineData("**/tmp", "a/b/tmp/x", true)]
    [InlineData("./dist", "dist/x.js", true)]
    [InlineData("./dist", "src/dist/x.js", false)]
    [InlineData("file?.txt", "file1.txt", true)]
    [InlineData("file?.txt", "file12.txt", false)]
    [InlineData("[abc].js", "b.js", true)]
    [InlineData("[abc].js", "d.js", false)]
    [InlineData("[a-c].js", "c.js", true)]
    [InlineData("[!a-c].js", "c.js", false)]
    [InlineData("[!a-c].js", "x.js", true)]
    [InlineData(".git", ".git/index", true)]
    [InlineData(".git", ".github/ci.yml", false)]
    public void IsMatch_RelativePath(string pattern, string path, bool expected) =>
        Assert.Equal(expected, new GlobPattern(pattern).IsMatch(path));
}
