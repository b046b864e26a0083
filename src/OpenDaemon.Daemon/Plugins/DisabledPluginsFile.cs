using System.Text.Json;
using OpenDaemon.Kernel.State;

namespace OpenDaemon.Daemon.Plugins;

/// <summary>
/// Remembers which plugins the user disabled (<c>od plugin disable</c>) across daemon restarts:
/// <c>$OD_HOME/state/disabled-plugins.json</c>, a JSON array of names, written atomically.
/// </summary>
internal sealed class DisabledPluginsFile(string path)
{
    public string Path { get; } = path;

    public HashSet<string> Load()
    {
        try
        {
            var names = JsonSerializer.Deserialize(File.ReadAllBytes(Path), DaemonJsonContext.Default.StringArray) ?? [];
            return new HashSet<string>(names, StringComparer.Ordinal);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            // Missing is normal; unreadable is treated as "nothing disabled" rather than refusing to start.
            return new HashSet<string>(StringComparer.Ordinal);
        }
    }

    public Task SaveAsync(IEnumerable<string> names, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(Path, JsonSerializer.SerializeToUtf8Bytes([.. names.Order(StringComparer.Ordinal)], DaemonJsonContext.Default.StringArray), cancellationToken);
}
