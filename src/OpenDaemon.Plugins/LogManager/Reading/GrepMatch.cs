using System.Text.RegularExpressions;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// Runs a user's <c>--grep</c> pattern on one line. The pattern has a match timeout (a pattern with
/// nested repetition can take exponential time on some lines); a search that hits it fails with
/// REGEX_TIMEOUT and a hint, instead of an unexplained error.
/// </summary>
internal static class GrepMatch
{
    /// <exception cref="DaemonException">REGEX_TIMEOUT: the pattern took too long on <paramref name="text"/>.</exception>
    public static bool IsMatch(Regex grep, string text)
    {
        try
        {
            return grep.IsMatch(text);
        }
        catch (RegexMatchTimeoutException error)
        {
            var pattern = error.Pattern.Length > 60 ? error.Pattern[..60] + "…" : error.Pattern;
            throw new DaemonException(
                ErrorCode.RegexTimeout,
                $"the --grep pattern '{pattern}' took longer than {error.MatchTimeout.TotalSeconds:0.###}s on one log line",
                "simplify the pattern (nested repetition such as (a+)+ can take exponential time), or narrow the search with --since or --lines",
                error);
        }
    }
}
