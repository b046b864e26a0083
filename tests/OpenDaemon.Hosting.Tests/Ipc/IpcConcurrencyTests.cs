using System.Diagnostics;
using System.Text.Json;
using OpenDaemon.Ipc;
using Xunit.Abstractions;

namespace OpenDaemon.Hosting.Tests.Ipc;

public sealed class IpcConcurrencyTests(ITestOutputHelper output)
{
    private const int Clients = 50;
    private const int RequestsPerClient = 200;

    [Fact]
    public async Task RequestAsync_50ClientsSending200RequestsEachConcurrently_EveryResponseMatchesItsRequest()
    {
        await using var env = new IpcTestEnvironment();
        var server = await env.StartServerAsync(DelegateHandler.Echo);
        var clients = new IpcClient[Clients];
        for (var c = 0; c < Clients; c++)
        {
            clients[c] = await env.ConnectAsync();
        }

        await Poll.UntilAsync(() => server.ConnectionCount == Clients, "all clients are connected");
        var stopwatch = Stopwatch.StartNew();

        var mismatches = await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
        {
            var calls = Enumerable.Range(0, RequestsPerClient).Select(async i =>
            {
                var token = $"{c}-{i}-{Guid.NewGuid():N}";
                var parameters = Payload(c, i, token);
                var response = await client.RequestAsync("echo", parameters, TimeSpan.FromSeconds(30), CancellationToken.None);
                return response.Result?.GetProperty("token").GetString() == token ? 0 : 1;
            });
            return (await Task.WhenAll(calls)).Sum();
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        output.WriteLine($"{Clients * RequestsPerClient} requests in {stopwatch.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(0, mismatches.Sum());
        Assert.Equal(Clients, server.ConnectionCount);
    }

    private static JsonElement Payload(int client, int sequence, string token)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("client", client);
            writer.WriteNumber("seq", sequence);
            writer.WriteString("token", token);
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }
}
