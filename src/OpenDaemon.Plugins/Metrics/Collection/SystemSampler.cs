using System.Globalization;
using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.Metrics.Collection;

/// <summary>
/// The machine's figures from /proc (stat, meminfo, loadavg, net/dev, sys/fs/file-nr, self/mounts) and
/// statvfs of each real mount (through <see cref="DriveInfo"/>). CPU percentages compare with the previous
/// call, so the first call has none. A file that cannot be read leaves its figures at zero: the collector
/// never fails for the machine's sake. Not thread-safe: the collector's loop is its only caller.
/// </summary>
internal sealed class SystemSampler(string procRoot = "/proc")
{
    private long[]? _previousBusy;
    private long[]? _previousTotal;

    public SystemMetrics Sample()
    {
        var (cpu, cores) = Cpu();
        var memory = Memory();
        var (open, max) = FileHandles();
        return new SystemMetrics
        {
            CpuPercent = cpu,
            CpuPerCore = cores,
            MemoryTotalBytes = memory.GetValueOrDefault("MemTotal"),
            MemoryAvailableBytes = memory.GetValueOrDefault("MemAvailable"),
            MemoryFreeBytes = memory.GetValueOrDefault("MemFree"),
            MemoryUsedBytes = Math.Max(0, memory.GetValueOrDefault("MemTotal") - memory.GetValueOrDefault("MemAvailable")),
            SwapTotalBytes = memory.GetValueOrDefault("SwapTotal"),
            SwapFreeBytes = memory.GetValueOrDefault("SwapFree"),
            LoadAverage = LoadAverage(),
            OpenFiles = open,
            MaxOpenFiles = max,
            Disks = Disks(),
            Networks = Networks(),
        };
    }

    // /proc/stat: "cpu  user nice system idle iowait irq softirq steal ..." then one line per core.
    // Busy = total − idle − iowait; the percentage is the busy share of the ticks since the last call.
    private (double? Total, IReadOnlyList<double?> Cores) Cpu()
    {
        var lines = ReadLines("stat").Where(line => line.StartsWith("cpu", StringComparison.Ordinal)).ToList();
        var busy = new long[lines.Count];
        var total = new long[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var fields = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var f = 1; f < fields.Length && f <= 8; f++)
            {
                var ticks = long.Parse(fields[f], CultureInfo.InvariantCulture);
                total[i] += ticks;
                if (f is not (4 or 5))
                {
                    busy[i] += ticks;
                }
            }
        }

        var percents = new double?[lines.Count];
        if (_previousBusy is { } previousBusy && _previousTotal is { } previousTotal && previousBusy.Length == busy.Length)
        {
            for (var i = 0; i < busy.Length; i++)
            {
                var elapsed = total[i] - previousTotal[i];
                percents[i] = elapsed > 0 ? Math.Round(Math.Clamp((busy[i] - previousBusy[i]) * 100.0 / elapsed, 0, 100), 2) : null;
            }
        }

        _previousBusy = busy;
        _previousTotal = total;
        return percents.Length == 0 ? (null, []) : (percents[0], percents[1..]);
    }

    // /proc/meminfo: "MemTotal:  2014556 kB".
    private Dictionary<string, long> Memory()
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in ReadLines("meminfo"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (colon > 0 && fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                values[line[..colon]] = fields.Length > 1 && fields[1] == "kB" ? value * 1024 : value;
            }
        }

        return values;
    }

    private double[] LoadAverage()
    {
        var fields = ReadLines("loadavg").FirstOrDefault()?.Split(' ') ?? [];
        return [.. Enumerable.Range(0, 3).Select(i => i < fields.Length && double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : 0)];
    }

    // /proc/sys/fs/file-nr: "allocated  unused  max".
    private (long Open, long Max) FileHandles()
    {
        var fields = ReadLines("sys/fs/file-nr").FirstOrDefault()?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries) ?? [];
        return fields.Length >= 3
            && long.TryParse(fields[0], CultureInfo.InvariantCulture, out var allocated)
            && long.TryParse(fields[1], CultureInfo.InvariantCulture, out var unused)
            && long.TryParse(fields[2], CultureInfo.InvariantCulture, out var max)
            ? (allocated - unused, max)
            : (0, 0);
    }

    // Real mounts: a block device (/dev/...) as source; the first mount of each point wins (bind mounts repeat devices, not points).
    private List<DiskMetrics> Disks()
    {
        var disks = new List<DiskMetrics>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in ReadLines("self/mounts"))
        {
            var fields = line.Split(' ');
            if (fields.Length < 3 || !fields[0].StartsWith("/dev/", StringComparison.Ordinal))
            {
                continue;
            }

            var mount = Unescape(fields[1]);
            if (!seen.Add(mount))
            {
                continue;
            }

            try
            {
                var drive = new DriveInfo(mount);
                disks.Add(new DiskMetrics
                {
                    Mount = mount,
                    Device = fields[0],
                    FileSystem = fields[2],
                    TotalBytes = drive.TotalSize,
                    FreeBytes = drive.TotalFreeSpace,
                    AvailableBytes = drive.AvailableFreeSpace,
                });
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // A mount we may not stat (another user's, or gone since the listing) is left out.
            }
        }

        return disks;
    }

    // /proc/net/dev: two header lines, then "  eth0: rxBytes rxPackets rxErrs ... (8 rx fields) txBytes txPackets txErrs ...".
    private List<NetworkMetrics> Networks()
    {
        var networks = new List<NetworkMetrics>();
        foreach (var line in ReadLines("net/dev").Skip(2))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 11)
            {
                continue;
            }

            long Field(int index) => long.TryParse(fields[index], CultureInfo.InvariantCulture, out var value) ? value : 0;
            networks.Add(new NetworkMetrics
            {
                Interface = line[..colon].Trim(),
                ReceiveBytes = Field(0),
                ReceivePackets = Field(1),
                ReceiveErrors = Field(2),
                TransmitBytes = Field(8),
                TransmitPackets = Field(9),
                TransmitErrors = Field(10),
            });
        }

        return networks;
    }

    // /proc/self/mounts escapes space, tab, newline and backslash as octal (\040).
    private static string Unescape(string path) =>
        !path.Contains('\\', StringComparison.Ordinal) ? path
        : System.Text.RegularExpressions.Regex.Replace(path, @"\\([0-7]{3})", match => ((char)Convert.ToInt32(match.Groups[1].Value, 8)).ToString());

    private string[] ReadLines(string name)
    {
        try
        {
            return File.ReadAllLines(Path.Join(procRoot, name));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
