using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Plugins.Metrics.Collection;

namespace OpenDaemon.Plugins.Metrics.Export;

/// <summary>
/// StatsD over UDP: every pass, gauges (CPU, memory, fds, threads, uptime), counters (restarts, I/O as the
/// amount since the previous pass) and one timer (how long the pass took). Buckets carry app and instance
/// (<c>od.process.api.0.cpu_percent</c>), or with <c>tags: true</c> DogStatsD tags
/// (<c>od.process.cpu_percent:12|g|#app:api,instance:0</c>). Lines are packed into datagrams of at most
/// 1,432 bytes (a safe Ethernet payload). A refused datagram (ICMP port unreachable on the connected
/// socket) shows up as a failed send and is counted.
/// </summary>
internal sealed class StatsdExporter : PushLoop
{
    private const int MaxDatagram = 1432;

    private readonly StatsdSettings _settings;
    private readonly Dictionary<int, ProcessMetrics> _previous = [];
    private Socket? _socket;

    public StatsdExporter(StatsdSettings settings, TimeProvider time, ILogger logger)
        : base(new ExporterHealth("statsd", $"udp://{settings.Host}:{settings.Port}", time), logger)
    {
        _settings = settings;
    }

    protected override async Task PushAsync(MetricsFrame frame, CancellationToken cancellationToken)
    {
        var lines = Lines(frame);
        try
        {
            if (_socket is null)
            {
                var socket = new Socket(SocketType.Dgram, ProtocolType.Udp);
                await socket.ConnectAsync(_settings.Host, _settings.Port, cancellationToken).ConfigureAwait(false);
                _socket = socket;
            }

            foreach (var datagram in Pack(lines))
            {
                await _socket.SendAsync(datagram, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SocketException)
        {
            // A new socket next time (the host may resolve elsewhere once it is back).
            _socket?.Dispose();
            _socket = null;
            throw;
        }
    }

    /// <summary>The StatsD lines of one pass (also used by the tests).</summary>
    internal List<string> Lines(MetricsFrame frame)
    {
        var lines = new List<string>();
        var system = frame.System;
        if (system.CpuPercent is { } systemCpu)
        {
            lines.Add(Line("system.cpu_percent", systemCpu, "g", null));
        }

        lines.Add(Line("system.memory_used_bytes", system.MemoryUsedBytes, "g", null));
        lines.Add(Line("system.load1", system.LoadAverage[0], "g", null));
        lines.Add(Line("collector.pass_ms", Math.Round(frame.Duration.TotalMilliseconds, 3), "ms", null));
        foreach (var row in frame.Processes)
        {
            _previous.TryGetValue(row.Id, out var before);
            if (row.CpuPercent is { } cpu)
            {
                lines.Add(Line("process.cpu_percent", cpu, "g", row));
            }

            if (row.MemoryBytes is { } memory)
            {
                lines.Add(Line("process.memory_bytes", memory, "g", row));
            }

            if (row.OpenFiles is { } files)
            {
                lines.Add(Line("process.open_fds", files, "g", row));
            }

            if (row.Threads is { } threads)
            {
                lines.Add(Line("process.threads", threads, "g", row));
            }

            lines.Add(Line("process.uptime_seconds", (row.UptimeMs ?? 0) / 1000.0, "g", row));
            if (before is not null)
            {
                lines.Add(Line("process.restarts", Math.Max(0, row.Restarts - before.Restarts), "c", row));
                if (row.IoReadBytes is { } read && before.IoReadBytes is { } readBefore && row.Pid == before.Pid)
                {
                    lines.Add(Line("process.io_read_bytes", Math.Max(0, read - readBefore), "c", row));
                }

                if (row.IoWriteBytes is { } write && before.IoWriteBytes is { } writeBefore && row.Pid == before.Pid)
                {
                    lines.Add(Line("process.io_write_bytes", Math.Max(0, write - writeBefore), "c", row));
                }
            }

            _previous[row.Id] = row;
        }

        var ids = frame.Processes.Select(row => row.Id).ToHashSet();
        foreach (var gone in _previous.Keys.Where(id => !ids.Contains(id)).ToList())
        {
            _previous.Remove(gone);
        }

        return lines;
    }

    private string Line(string metric, double value, string type, ProcessMetrics? row)
    {
        var number = value.ToString("0.###", CultureInfo.InvariantCulture);
        if (row is null)
        {
            return $"{_settings.Prefix}{metric}:{number}|{type}";
        }

        if (!_settings.Tags)
        {
            var dot = metric.IndexOf('.', StringComparison.Ordinal);
            return string.Create(CultureInfo.InvariantCulture, $"{_settings.Prefix}{metric[..dot]}.{Bucket(row.Name)}.{row.Instance}{metric[dot..]}:{number}|{type}");
        }

        var tags = new StringBuilder();
        tags.Append(CultureInfo.InvariantCulture, $"app:{Tag(row.Name)},instance:{row.Instance},namespace:{Tag(row.Namespace)}");
        foreach (var (key, label) in row.Labels ?? new Dictionary<string, string>())
        {
            tags.Append(CultureInfo.InvariantCulture, $",{Tag(key)}:{Tag(label)}");
        }

        return $"{_settings.Prefix}{metric}:{number}|{type}|#{tags}";
    }

    private static IEnumerable<byte[]> Pack(List<string> lines)
    {
        var packet = new StringBuilder();
        foreach (var line in lines)
        {
            if (packet.Length > 0 && packet.Length + 1 + line.Length > MaxDatagram)
            {
                yield return Encoding.UTF8.GetBytes(packet.ToString());
                packet.Clear();
            }

            if (packet.Length > 0)
            {
                packet.Append('\n');
            }

            packet.Append(line);
        }

        if (packet.Length > 0)
        {
            yield return Encoding.UTF8.GetBytes(packet.ToString());
        }
    }

    // Bucket parts: '.' separates levels and ':' '|' '@' '#' are syntax; anything unusual becomes '_'.
    private static string Bucket(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);

    private static string Tag(string text) => new([.. text.Select(c => c is ',' or '|' or '#' or '\n' or ':' ? '_' : c)]);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        _socket?.Dispose();
    }
}
