using System.Text.Json;
using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Mapping;

public sealed class ConfigJsonContextTests
{
    [Fact]
    public async Task Serialize_LoadedConfig_WritesNamesAndSecretReferencesNotValues()
    {
        var config = TestConfig.AssertValid(await TestConfig.LoadAsync(TestConfig.Fixture("formats", "json", "opendaemon.config.json")));

        var json = JsonSerializer.Serialize(config.Apps[0], ConfigJsonContext.Default.ProcessConfig);

        Assert.Contains("\"name\":\"api-gateway\"", json, StringComparison.Ordinal);
        Assert.Contains("\"mode\":\"Cluster\"", json, StringComparison.Ordinal);
        Assert.Contains("\"secretName\":\"db-url\"", json, StringComparison.Ordinal);
    }
}
