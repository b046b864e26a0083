using System.Text.Json;
using OpenDaemon.Plugins.Metrics;

namespace OpenDaemon.Plugins.Tests.Metrics;

/// <summary>The metrics-collector section's OTLP transport, as the daemon reads it at start.</summary>
public sealed class MetricsSettingsReaderTests
{
    [Theory]
    [InlineData("""{"otlp": {"endpoint": "http://127.0.0.1:4318/v1/metrics"}}""", false)]
    [InlineData("""{"otlp": {"endpoint": "http://127.0.0.1:4318/v1/metrics", "protocol": "http/protobuf"}}""", false)]
    [InlineData("""{"otlp": {"endpoint": "http://127.0.0.1:4317", "protocol": "grpc"}}""", true)]
    public void Read_OtlpProtocol_DefaultsToHttpProtobuf(string json, bool grpc)
    {
        var problems = new List<string>();

        var settings = MetricsSettingsReader.Read(JsonDocument.Parse(json).RootElement, problems);

        Assert.Empty(problems);
        Assert.Equal(grpc ? OtlpProtocol.Grpc : OtlpProtocol.HttpProtobuf, settings.Otlp!.Protocol);
    }

    [Fact]
    public void Read_UnknownOtlpProtocol_IsAProblemNamingTheChoices()
    {
        var problems = new List<string>();

        MetricsSettingsReader.Read(JsonDocument.Parse("""{"otlp": {"endpoint": "http://127.0.0.1:4317", "protocol": "udp"}}""").RootElement, problems);

        Assert.Contains(problems, p => p.Contains("otlp.protocol must be \"http/protobuf\" or \"grpc\"", StringComparison.Ordinal));
    }
}
