using System.Text;

namespace OpenDaemon.Config.Mapping;

/// <summary>
/// Splits an argument string the way PM2 users expect a shell to: whitespace separates, single and
/// double quotes group, backslash escapes. No expansion happens: apps are exec'd, not run by a shell.
/// </summary>
internal static class ArgumentSplitter
{
    public static IReadOnlyList<string> Split(string text)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var inArg = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is null && char.IsWhiteSpace(c))
            {
                if (inArg)
                {
                    args.Add(current.ToString());
                    current.Clear();
                    inArg = false;
                }

                continue;
            }

            inArg = true;
            if (c == '\\' && i + 1 < text.Length && quote != '\'')
            {
                current.Append(text[++i]);
            }
            else if (quote is null && c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == quote)
            {
                quote = null;
            }
            else
            {
                current.Append(c);
            }
        }

        if (inArg)
        {
            args.Add(current.ToString());
        }

        return args;
    }
}
