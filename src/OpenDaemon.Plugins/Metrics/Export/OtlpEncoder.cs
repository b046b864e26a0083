using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Plugins.Metrics.Collection;

namespace OpenDaemon.Plugins.Metrics.Export;

/// <summary>
/// One pass as an OTLP <c>ExportMetricsServiceRequest</c> (opentelemetry/proto/collector/metrics/v1, the
/// HTTP/protobuf body): one resource (<c>service.name=opendaemon</c>, <c>host.name</c>), one scope
/// (<c>opendaemon.metrics</c>), gauges for levels and cumulative monotonic sums for counters, each data
/// point with the app's attributes. Field numbers are those of the .proto files, cited beside each write.
/// </summary>
internal static class OtlpEncoder
{
    private const int Cumulative = 2; // AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE

    public static byte[] Encode(MetricsFrame frame, DateTimeOffset daemonStart)
    {
        var now = UnixNanos(frame.At);
        var start = UnixNanos(daemonStart);
        var request = new ProtobufWriter();
        request.Message(1, resourceMetrics => // ExportMetricsServiceRequest.resource_metrics
        {
            resourceMetrics.Message(1, resource => // ResourceMetrics.resource
            {
                Attribute(resource, 1, "service.name", "opendaemon"); // Resource.attributes
                Attribute(resource, 1, "host.name", Environment.MachineName);
            });
            resourceMetrics.Message(2, scope => // ResourceMetrics.scope_metrics
            {
                scope.Message(1, s => // ScopeMetrics.scope
                {
                    s.String(1, "opendaemon.metrics"); // InstrumentationScope.name
                    s.String(2, Contracts.ProductInfo.Version); // .version
                });
                WriteSystem(scope, frame.System, now);
                WriteProcesses(scope, frame.Processes, start, now);
            });
        });
        return request.ToArray();
    }

    private static void WriteSystem(ProtobufWriter scope, SystemMetrics system, ulong now)
    {
        if (system.CpuPercent is { } cpu)
        {
            Gauge(scope, "od.system.cpu.percent", "CPU busy since the previous pass, percent of the machine", "%", [([], cpu)], now);
        }

        Gauge(scope, "od.system.memory.used", "Used memory (total - available)", "By", [([], system.MemoryUsedBytes)], now);
        Gauge(scope, "od.system.memory.total", "Total memory", "By", [([], system.MemoryTotalBytes)], now);
        Gauge(scope, "od.system.load.1m", "Load average over 1 minute", "1", [([], system.LoadAverage[0])], now);
    }

    private static void WriteProcesses(ProtobufWriter scope, IReadOnlyList<ProcessMetrics> rows, ulong start, ulong now)
    {
        List<(KeyValuePair<string, string>[], double)> Of(Func<ProcessMetrics, double?> value) =>
            [.. rows.Where(row => value(row).HasValue).Select(row => (Attributes(row), value(row)!.Value))];

        Gauge(scope, "od.process.cpu.percent", "CPU of the process tree since the previous pass, percent of one core", "%", Of(r => r.CpuPercent), now);
        Gauge(scope, "od.process.memory.rss", "Resident memory of the process tree", "By", Of(r => r.MemoryBytes), now);
        Gauge(scope, "od.process.open_fds", "Open file descriptors of the process tree", "{fd}", Of(r => r.OpenFiles), now);
        Gauge(scope, "od.process.threads", "Threads of the process tree", "{thread}", Of(r => r.Threads), now);
        Gauge(scope, "od.process.uptime", "Seconds since the current run started", "s", Of(r => r.UptimeMs / 1000.0), now);
        Sum(scope, "od.process.restarts", "Restarts since the app was started by a user", "{restart}", Of(r => r.Restarts), start, now);
        Sum(scope, "od.process.cpu.user_time", "User CPU time of the live processes of the tree", "s", Of(r => r.CpuUserSeconds), start, now);
        Sum(scope, "od.process.cpu.system_time", "Kernel CPU time of the live processes of the tree", "s", Of(r => r.CpuSystemSeconds), start, now);
        Sum(scope, "od.process.io.read", "Bytes read from storage by the live processes", "By", Of(r => r.IoReadBytes), start, now);
        Sum(scope, "od.process.io.write", "Bytes written to storage by the live processes", "By", Of(r => r.IoWriteBytes), start, now);
    }

    private static KeyValuePair<string, string>[] Attributes(ProcessMetrics row) =>
    [
        new("app", row.Name),
        new("instance", row.Instance.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("id", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("namespace", row.Namespace),
        .. row.Labels ?? new Dictionary<string, string>(),
    ];

    private static void Gauge(ProtobufWriter scope, string name, string description, string unit, IReadOnlyList<(KeyValuePair<string, string>[] Attributes, double Value)> points, ulong now)
    {
        if (points.Count == 0)
        {
            return;
        }

        scope.Message(2, metric => // ScopeMetrics.metrics
        {
            Header(metric, name, description, unit);
            metric.Message(5, gauge => Points(gauge, points, 0, now)); // Metric.gauge
        });
    }

    private static void Sum(ProtobufWriter scope, string name, string description, string unit, IReadOnlyList<(KeyValuePair<string, string>[] Attributes, double Value)> points, ulong start, ulong now)
    {
        if (points.Count == 0)
        {
            return;
        }

        scope.Message(2, metric =>
        {
            Header(metric, name, description, unit);
            metric.Message(7, sum => // Metric.sum
            {
                Points(sum, points, start, now);
                sum.UInt64(2, Cumulative); // Sum.aggregation_temporality
                sum.Bool(3, true); // Sum.is_monotonic
            });
        });
    }

    private static void Header(ProtobufWriter metric, string name, string description, string unit)
    {
        metric.String(1, name); // Metric.name
        metric.String(2, description); // Metric.description
        metric.String(3, unit); // Metric.unit
    }

    private static void Points(ProtobufWriter data, IReadOnlyList<(KeyValuePair<string, string>[] Attributes, double Value)> points, ulong start, ulong now)
    {
        foreach (var (attributes, value) in points)
        {
            data.Message(1, point => // Gauge.data_points / Sum.data_points
            {
                if (start != 0)
                {
                    point.Fixed64(2, start); // NumberDataPoint.start_time_unix_nano
                }

                point.Fixed64(3, now); // NumberDataPoint.time_unix_nano
                point.Double(4, value); // NumberDataPoint.as_double
                foreach (var (key, text) in attributes)
                {
                    Attribute(point, 7, key, text); // NumberDataPoint.attributes
                }
            });
        }
    }

    private static void Attribute(ProtobufWriter writer, int field, string key, string value) =>
        writer.Message(field, keyValue =>
        {
            keyValue.String(1, key); // KeyValue.key
            keyValue.Message(2, any => any.String(1, value)); // KeyValue.value → AnyValue.string_value
        });

    private static ulong UnixNanos(DateTimeOffset at) => (ulong)(at - DateTimeOffset.UnixEpoch).Ticks * 100;
}
