using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// PM2's <c>pid_file</c>: each run writes its pid to the file, with the instance id before the
/// extension as PM2 does (<c>app.pid</c> → <c>app-3.pid</c>), and removes it when the run ends.
/// A file that cannot be written is logged, never a reason not to run the app.
/// </summary>
internal static partial class PidFile
{
    /// <summary>The file for instance <paramref name="id"/> (PM2's God.js: <c>-N.pid</c> or <c>.pid</c> becomes <c>-id.pid</c>).</summary>
    public static string PathFor(string configured, int id) =>
        Suffix().Replace(configured, "-" + id.ToString(CultureInfo.InvariantCulture) + ".pid");

    /// <summary>Writes <paramref name="pid"/>; returns an error message, or null on success.</summary>
    public static string? TryWrite(string path, int pid)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, pid.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return error.Message;
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A stale pid file is harmless: the next run overwrites it.
        }
    }

    [GeneratedRegex(@"-[0-9]+\.pid$|\.pid$")]
    private static partial Regex Suffix();
}
