using System.Text;

namespace OpenDaemon.Contracts.Processes;

/// <summary>Rules on app names shared by the config loader and <c>od start --name</c>.</summary>
public static class AppNames
{
    /// <summary>
    /// The longest app name, in UTF-8 bytes. Log files are named after the app
    /// (<c>&lt;name&gt;-out-&lt;id&gt;-&lt;timestamp&gt;.log</c> once rotated) and a file name may
    /// hold 255 bytes, so a longer name would leave the app without logs.
    /// </summary>
    public const int MaxBytes = 100;

    /// <summary>True when <paramref name="name"/> is longer than <see cref="MaxBytes"/> in UTF-8.</summary>
    public static bool IsTooLong(string name) => Encoding.UTF8.GetByteCount(name) > MaxBytes;

    /// <summary>The problem sentence for a name that is too long, without quoting all of it.</summary>
    public static string TooLongMessage(string name) =>
        $"app name '{name[..Math.Min(name.Length, 20)]}…' is {Encoding.UTF8.GetByteCount(name)} bytes long; app names are at most {MaxBytes} bytes (log files are named after them)";
}
