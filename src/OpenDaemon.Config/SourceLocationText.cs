using System.Globalization;
using System.Text;

namespace OpenDaemon.Config;

/// <summary>
/// <c>file:line:column path: message</c>, the way compilers print diagnostics, so editors can jump
/// to it: shared by <see cref="ConfigProblem"/> and <see cref="ConfigWarning"/>.
/// </summary>
internal static class SourceLocationText
{
    public static string Format(string file, int? line, int? column, string path, string message)
    {
        var builder = new StringBuilder(Path.GetFileName(file));
        if (line is { } lineNumber)
        {
            builder.Append(CultureInfo.InvariantCulture, $":{lineNumber}");
            if (column is { } columnNumber)
            {
                builder.Append(CultureInfo.InvariantCulture, $":{columnNumber}");
            }
        }

        builder.Append(' ');
        if (path.Length > 0)
        {
            builder.Append(path).Append(": ");
        }

        return builder.Append(message).ToString();
    }
}
