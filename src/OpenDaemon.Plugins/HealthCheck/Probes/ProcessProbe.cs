using System.Globalization;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary><c>process</c>: the run's main process exists and is not a zombie (state Z or X in /proc/&lt;pid&gt;/stat).</summary>
internal sealed class ProcessProbe(int pid) : IHealthProbe
{
    private readonly string _statPath = string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat");

    public ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(_statPath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return ValueTask.FromResult(ProbeResult.Fail($"pid {pid} is not running"));
        }

        // The state follows the command name, which may itself hold spaces and ')': look after the last one.
        var end = stat.LastIndexOf(')');
        var state = end >= 0 && end + 2 < stat.Length ? stat[end + 2] : '?';
        return ValueTask.FromResult(state is 'Z' or 'X'
            ? ProbeResult.Fail($"pid {pid} has exited (zombie)")
            : ProbeResult.Pass($"pid {pid} is running"));
    }
}
