using System.Globalization;
using System.Text;

namespace OpenDaemon.Hosting.Processes;

/// <summary>One sd_notify datagram: newline-separated KEY=VALUE assignments.</summary>
/// <param name="Fields">The assignments; when a key repeats, the last one wins.</param>
public sealed record NotifyMessage(IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>READY=1: the app finished starting.</summary>
    public bool IsReady => Is("READY", "1");

    /// <summary>STOPPING=1: the app began shutting down.</summary>
    public bool IsStopping => Is("STOPPING", "1");

    /// <summary>WATCHDOG=1: a keep-alive ping.</summary>
    public bool IsWatchdogPing => Is("WATCHDOG", "1");

    /// <summary>WATCHDOG=trigger: the app asks to be treated as hung.</summary>
    public bool IsWatchdogTrigger => Is("WATCHDOG", "trigger");

    /// <summary>BARRIER=1: sd_notify_barrier (systemd-notify waits on it); it needs no answer, the passed fd is dropped on receipt.</summary>
    public bool IsBarrier => Is("BARRIER", "1");

    /// <summary>STATUS=...: free-form status text.</summary>
    public string? Status => Fields.GetValueOrDefault("STATUS");

    /// <summary>MAINPID=...: the app's main process when it is not the one that was started; null when absent or not a number.</summary>
    public int? MainPid =>
        Fields.TryGetValue("MAINPID", out string? text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0
            ? pid
            : null;

    /// <summary>Parses a datagram (UTF-8). Empty lines and lines without '=' are skipped, as systemd does.</summary>
    public static NotifyMessage Parse(ReadOnlySpan<byte> datagram)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string text = Encoding.UTF8.GetString(datagram);
        foreach (string line in text.Split('\n'))
        {
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields[line[..equals]] = line[(equals + 1)..];
            }
        }

        return new NotifyMessage(fields);
    }

    private bool Is(string key, string value) => Fields.TryGetValue(key, out string? actual) && actual == value;
}
