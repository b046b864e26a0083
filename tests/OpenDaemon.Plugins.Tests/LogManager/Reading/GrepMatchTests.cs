using System.Text.RegularExpressions;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Plugins.LogManager.Reading;

namespace OpenDaemon.Plugins.Tests.LogManager.Reading;

public sealed class GrepMatchTests
{
    [Fact]
    public void IsMatch_CatastrophicPattern_ThrowsRegexTimeout()
    {
        // Exponential backtracking: (a|aa)+ against a run of a's ending in b tries exponentially many splits.
        var grep = new Regex("^(a|aa)+$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(20));

        var error = Assert.Throws<DaemonException>(() => GrepMatch.IsMatch(grep, new string('a', 80) + "b"));

        Assert.Equal(ErrorCode.RegexTimeout, error.Code);
        Assert.Contains("(a|aa)", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void IsMatch_PlainPattern_Matches()
    {
        var grep = new Regex("refused", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        Assert.True(GrepMatch.IsMatch(grep, "connection refused"));
        Assert.False(GrepMatch.IsMatch(grep, "ok"));
    }
}
