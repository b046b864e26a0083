using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Plugins.Metrics;
using OpenDaemon.Plugins.Metrics.Export;
using OpenDaemon.Plugins.Tests.HealthCheck.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Metrics;

public sealed class OtlpExporterTests
{
    [Fact]
    public async Task Publish_ToHttpReceiver_PostsAnExportMetricsServiceRequestItDecodes()
    {
        var bodies = new ConcurrentQueue<(string? ContentType, string? Token, byte[] Body)>();
        await using var receiver = await TestWebServer.StartAsync(app => app.MapPost("/v1/metrics", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            bodies.Enqueue((http.Request.ContentType, http.Request.Headers["x-token"], body.ToArray()));
            return Results.Ok();
        }));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new OtlpSettings(new Uri(receiver.Url("/v1/metrics")), TimeSpan.FromSeconds(15), new Dictionary<string, string> { ["x-token"] = "t0k" }, TimeSpan.FromSeconds(30));
        await using var exporter = new OtlpExporter(settings, time, NullLogger.Instance);
        exporter.Start();

        exporter.Publish(Frames.One(1, time.GetUtcNow(), restarts: 2));
        await Poll.UntilAsync(() => exporter.Health.Status().Sent == 1, "one push accepted");

        var (contentType, token, body) = Assert.Single(bodies);
        Assert.Equal("application/x-protobuf", contentType);
        Assert.Equal("t0k", token);
        var resourceMetrics = ProtoReader.Parse(body).One(1).Message;
        Assert.Equal("opendaemon", resourceMetrics.One(1).Message.Attributes(1)["service.name"]);
        var scope = resourceMetrics.One(2).Message;
        Assert.Equal("opendaemon.metrics", scope.One(1).Message.One(1).Text);
        var metrics = scope.All(2).Select(m => m.Message).ToDictionary(m => m.One(1).Text);

        var rss = metrics["od.process.memory.rss"];
        Assert.Equal("By", rss.One(3).Text);
        var rssPoint = rss.One(5).Message.One(1).Message; // gauge → data point
        Assert.Equal(1234, rssPoint.One(4).Double);
        Assert.Equal((ulong)(time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100, rssPoint.One(3).Value);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "api", ["instance"] = "0", ["id"] = "3", ["namespace"] = "default", ["team"] = "core" }, rssPoint.Attributes(7));

        var restarts = metrics["od.process.restarts"].One(7).Message; // sum
        Assert.Equal(2, restarts.One(1).Message.One(4).Double);
        Assert.Equal(2UL, restarts.One(2).Value); // cumulative
        Assert.Equal(1UL, restarts.One(3).Value); // monotonic
        Assert.Equal(25, metrics["od.system.cpu.percent"].One(5).Message.One(1).Message.One(4).Double);
    }

    [Fact]
    public async Task Publish_ToGrpcReceiver_MakesOneUnaryExportCallOverHttp2()
    {
        var calls = new ConcurrentQueue<(string Protocol, string? ContentType, string? Te, byte[] Body)>();
        await using var receiver = await TestWebServer.StartAsync(
            app => app.MapPost("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export", async (HttpContext http) =>
            {
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body);
                calls.Enqueue((http.Request.Protocol, http.Request.ContentType, http.Request.Headers.TE, body.ToArray()));
                await AnswerGrpcAsync(http, status: 0, message: null);
            }),
            http2Only: true);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new OtlpSettings(new Uri(receiver.Url("/")), TimeSpan.FromSeconds(15), new Dictionary<string, string> { ["x-token"] = "t0k" }, TimeSpan.FromSeconds(30))
        {
            Protocol = OtlpProtocol.Grpc,
        };
        await using var exporter = new OtlpExporter(settings, time, NullLogger.Instance);
        exporter.Start();

        exporter.Publish(Frames.One(1, time.GetUtcNow(), restarts: 2));
        await Poll.UntilAsync(() => exporter.Health.Status().Sent == 1, "one export call accepted");

        var (protocol, contentType, te, framed) = Assert.Single(calls);
        Assert.Equal(("HTTP/2", "application/grpc", "trailers"), (protocol, contentType, te));
        Assert.Equal(0, framed[0]); // not compressed
        Assert.Equal(framed.Length - 5, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(framed.AsSpan(1)));
        var resourceMetrics = ProtoReader.Parse(framed[5..]).One(1).Message;
        Assert.Equal("opendaemon", resourceMetrics.One(1).Message.Attributes(1)["service.name"]);
    }

    [Fact]
    public async Task Publish_GrpcReceiverAnswersUnavailable_IsAFailureWithTheStatusAndMessage()
    {
        await using var receiver = await TestWebServer.StartAsync(
            app => app.MapPost("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export", (HttpContext http) => AnswerGrpcAsync(http, status: 14, message: "collector is draining")),
            http2Only: true);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new OtlpSettings(new Uri(receiver.Url("/")), TimeSpan.FromSeconds(15), new Dictionary<string, string>(), TimeSpan.FromSeconds(30)) { Protocol = OtlpProtocol.Grpc };
        await using var exporter = new OtlpExporter(settings, time, NullLogger.Instance);
        exporter.Start();

        exporter.Publish(Frames.One(1, time.GetUtcNow()));
        await Poll.UntilAsync(() => exporter.Health.Status().Failed == 1, "the refused export counted");

        Assert.Equal("gRPC Unavailable: collector is draining", exporter.Health.Status().LastError);
    }

    // An ExportMetricsServiceResponse with nothing in it (an empty message), then the status as trailers.
    private static async Task AnswerGrpcAsync(HttpContext http, int status, string? message)
    {
        http.Response.ContentType = "application/grpc";
        await http.Response.Body.WriteAsync(new byte[5]);
        http.Response.AppendTrailer("grpc-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (message is not null)
        {
            http.Response.AppendTrailer("grpc-message", Uri.EscapeDataString(message));
        }
    }

    [Fact]
    public async Task Publish_ReceiverDownThenFailing_FailuresAreCountedAndRetriedWithBackoff()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new OtlpSettings(new Uri($"http://127.0.0.1:{Ports.Closed()}/v1/metrics"), TimeSpan.FromSeconds(5), new Dictionary<string, string>(), TimeSpan.FromSeconds(30));
        await using var exporter = new OtlpExporter(settings, time, NullLogger.Instance);
        exporter.Start();

        exporter.Publish(Frames.One(1, time.GetUtcNow()));
        await Poll.UntilAsync(() => exporter.Health.Status().Failed == 1, "the refused connection counted");
        var afterFirst = exporter.Health.Status();

        // Backing off: a pass within the second after the failure is not pushed.
        exporter.Publish(Frames.One(2, time.GetUtcNow().AddSeconds(5)));
        var skipped = exporter.Health.Status();

        time.Advance(TimeSpan.FromSeconds(1));
        exporter.Publish(Frames.One(3, time.GetUtcNow().AddSeconds(10)));
        await Poll.UntilAsync(() => exporter.Health.Status().Failed == 2, "the retry after the backoff counted");
        var afterSecond = exporter.Health.Status();

        Assert.Equal(time.GetUtcNow(), afterFirst.RetryAt); // 1 s after the first failure
        Assert.Contains("refused", afterFirst.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, skipped.Failed);
        Assert.Equal(time.GetUtcNow().AddSeconds(2), afterSecond.RetryAt); // doubled
        Assert.Equal(0, afterSecond.Sent);
    }

    [Fact]
    public void Encode_WriterOutput_RoundTripsVarintsStringsAndDoubles()
    {
        var writer = new ProtobufWriter();
        writer.UInt64(1, 300);
        writer.String(2, "héllo");
        writer.Double(3, -1.5);
        writer.Message(4, inner => inner.SFixed64(6, -2));

        var fields = ProtoReader.Parse(writer.WrittenSpan);

        Assert.Equal([0x08, 0xAC, 0x02], writer.WrittenSpan[..3].ToArray()); // 300 as a varint, as in the protobuf docs
        Assert.Equal(300UL, fields.One(1).Value);
        Assert.Equal("héllo", fields.One(2).Text);
        Assert.Equal(-1.5, fields.One(3).Double);
        Assert.Equal(unchecked((ulong)-2L), fields.One(4).Message.One(6).Value);
    }
}
