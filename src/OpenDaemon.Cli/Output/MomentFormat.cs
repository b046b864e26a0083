using System.Text;

namespace OpenDaemon.Cli.Output;

/// <summary>
/// PM2's date patterns (moment/dayjs: <c>YYYY-MM-DD-HH:mm:ss</c>, the default of <c>pm2 logs --timestamp</c>)
/// as .NET date formats. Known tokens are translated; every other letter is quoted, so it prints as written.
/// </summary>
internal static class MomentFormat
{
    /// <summary>The default of PM2's <c>--timestamp</c> without a value.</summary>
    public const string Pm2Default = "YYYY-MM-DD-HH:mm:ss";

    private static readonly (string Moment, string Net)[] Tokens =
    [
        ("YYYY", "yyyy"), ("SSS", "fff"), ("YY", "yy"), ("MM", "MM"), ("DD", "dd"), ("HH", "HH"), ("hh", "hh"),
        ("mm", "mm"), ("ss", "ss"), ("ZZ", "zzz"), ("Z", "zzz"), ("A", "tt"),
    ];

    public static string ToNet(string pattern)
    {
        var format = new StringBuilder();
        for (var i = 0; i < pattern.Length;)
        {
            if (pattern[i] == '[' && pattern.IndexOf(']', i + 1) is var close and > 0)
            {
                Quote(format, pattern[(i + 1)..close]);
                i = close + 1;
                continue;
            }

            var match = Array.FindIndex(Tokens, token => string.CompareOrdinal(pattern, i, token.Moment, 0, token.Moment.Length) == 0);
            if (match >= 0)
            {
                format.Append(Tokens[match].Net);
                i += Tokens[match].Moment.Length;
                continue;
            }

            Quote(format, pattern[i].ToString());
            i++;
        }

        return format.ToString();
    }

    private static void Quote(StringBuilder format, string literal)
    {
        foreach (var c in literal)
        {
            format.Append(char.IsLetter(c) || c is '\\' or '%' or '"' or '\'' ? $"\\{c}" : c.ToString());
        }
    }
}
