using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Daemon.Tests.Rpc;

/// <summary>
/// Issue #11 item 5: a bad request is the caller's error. Every registered method answers
/// INVALID_PARAMS naming the parameter for missing, null and wrongly typed parameters, and no
/// plugin's breaker counts it.
/// </summary>
public sealed class InvalidParamsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly JsonTypeInfo<JsonElement> AnyResult = JsonMetadataServices.CreateValueInfo<JsonElement>(new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() }, JsonMetadataServices.JsonElementConverter);

    [Fact]
    public async Task EveryMethod_MalformedParams_AnswersInvalidParamsNamingTheParameterAndKeepsBreakersClosed()
    {
        using var home = new TemporaryHome();
        await using var host = await DaemonHost.StartAsync(home.HostOptions, CancellationToken.None).WaitAsync(Timeout);
        await using var client = await OdClient.ConnectAsync(home.ClientOptions).WaitAsync(Timeout);
        Assert.Equal(BadParameterCases.Methods.Keys.Order(StringComparer.Ordinal), host.MethodNames);
        var failures = new List<string>();

        foreach (var (method, type) in BadParameterCases.Methods)
        {
            foreach (var notObject in BadParameterCases.NotObjects())
            {
                await ExpectInvalidAsync(client, method, notObject, ["params"], failures);
            }

            var required = type is null ? [] : BadParameterCases.Properties(type).Where(BadParameterCases.IsRequired).Select(p => p.Name).ToList();
            foreach (var absent in new JsonElement?[] { null, JsonDocument.Parse("null").RootElement, JsonDocument.Parse("{}").RootElement })
            {
                if (required.Count > 0)
                {
                    await ExpectInvalidAsync(client, method, absent, required, failures);
                }
                else if (!BadParameterCases.SideEffects.Contains(method))
                {
                    await ExpectAnswerAsync(client, method, absent, failures);
                }
            }

            if (type is null)
            {
                continue;
            }

            foreach (var (parameter, parameters) in BadParameterCases.WrongMembers(type))
            {
                await ExpectInvalidAsync(client, method, parameters, [parameter], failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        var plugins = await client.ListPluginsAsync().WaitAsync(Timeout);
        Assert.NotEmpty(plugins);
        Assert.All(plugins, plugin => Assert.Equal((plugin.Name, "closed", 0), (plugin.Name, plugin.Breaker, plugin.Failures)));
        Assert.True((await client.PingAsync().WaitAsync(Timeout)).Pong);
    }

    private static async Task ExpectInvalidAsync(OdClient client, string method, JsonElement? parameters, IReadOnlyList<string> named, List<string> failures)
    {
        var sent = parameters?.GetRawText() ?? "(no params)";
        try
        {
            await client.InvokeAsync(method, parameters, AnyResult).WaitAsync(Timeout);
            failures.Add($"{method} {sent}: answered normally");
        }
        catch (DaemonException error) when (error.Code == ErrorCode.InvalidParams)
        {
            if (!named.Any(name => error.Message.Contains($"'{name}'", StringComparison.Ordinal)))
            {
                failures.Add($"{method} {sent}: '{error.Message}' names none of {string.Join(", ", named)}");
            }
        }
        catch (DaemonException error)
        {
            failures.Add($"{method} {sent}: {error.Code} {error.Message}");
        }
    }

    private static async Task ExpectAnswerAsync(OdClient client, string method, JsonElement? parameters, List<string> failures)
    {
        try
        {
            await client.InvokeAsync(method, parameters, AnyResult).WaitAsync(Timeout);
        }
        catch (DaemonException error)
        {
            failures.Add($"{method} {parameters?.GetRawText() ?? "(no params)"}: {error.Code} {error.Message}");
        }
    }
}
