using System.Text.Json;
using OpenDaemon.Plugins.Audit.Writing;

namespace OpenDaemon.Plugins.Tests.Audit;

/// <summary>What must never reach the audit file: environment values and anything named like a secret.</summary>
public sealed class AuditRedactorTests
{
    [Fact]
    public void Redact_EnvironmentBlocks_KeepsNamesAndHidesEveryValue()
    {
        var redacted = Redact("process.start", """{"target":"app.js","setEnv":{"DB_URL":"postgres://u:p@h/db","PORT":"3000"},"fields":{"env":{"A":"1"},"env_production":{"B":{"nested":"2"}},"instances":4}}""");

        Assert.Equal("""{"target":"app.js","setEnv":{"DB_URL":"***","PORT":"***"},"fields":{"env":{"A":"***"},"env_production":{"B":{"nested":"***"}},"instances":4}}""", redacted);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("apiKey")]
    [InlineData("private_key")]
    [InlineData("DB_PASSWORD")]
    [InlineData("clientSecret")]
    [InlineData("Authorization")]
    [InlineData("credentials")]
    public void Redact_MemberNamedLikeASecret_IsMaskedWhateverItsShape(string name)
    {
        var redacted = Redact("plugin.enable", $$"""{"name":"x","{{name}}":"s3cr3t","list":[{"{{name}}":["a","b"]}]}""");

        Assert.Equal($$"""{"name":"x","{{name}}":"***","list":[{"{{name}}":"***"}]}""", redacted);
    }

    [Fact]
    public void Redact_ProcessSet_KeepsTheVariableNameAndHidesItsValue()
    {
        var redacted = Redact("process.set", """{"target":"web","key":"API_TOKEN","value":"hunter2"}""");

        Assert.Equal("""{"target":"web","key":"API_TOKEN","value":"***"}""", redacted);
    }

    [Fact]
    public void Redact_NothingSecret_IsUnchangedIncludingNullsNumbersAndArrays()
    {
        const string parameters = """{"targets":["api","worker"],"instances":null,"wait":true,"count":3}""";

        Assert.Equal(parameters, Redact("process.scale", parameters));
    }

    private static string Redact(string action, string json)
    {
        using var document = JsonDocument.Parse(json);
        return AuditRedactor.Redact(action, document.RootElement).GetRawText();
    }
}
