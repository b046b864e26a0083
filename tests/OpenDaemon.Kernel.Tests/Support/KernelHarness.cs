using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Resilience;
using OpenDaemon.Kernel.Rpc;

namespace OpenDaemon.Kernel.Tests.Support;

/// <summary>A plugin host on a fake clock and a temp state directory, with an RPC registry to call through.</summary>
internal sealed class KernelHarness : IAsyncDisposable
{
    private static readonly JsonElement RequestId = JsonSerializer.SerializeToElement(1);
    private readonly TempDirectory _directory = new();

    public KernelHarness(OpenDaemonConfig? config = null, IReadOnlySet<string>? disabled = null, CircuitBreakerOptions? breaker = null)
    {
        Host = new PluginHost(new PluginHostOptions
        {
            Config = config ?? OpenDaemonConfig.Empty,
            StateDirectory = _directory.FullPath,
            Methods = Methods,
            TimeProvider = Time,
            Breaker = breaker ?? new CircuitBreakerOptions(),
            DisabledPlugins = disabled ?? new HashSet<string>(),
        });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RpcMethodRegistry Methods { get; } = new(NullLogger.Instance);

    public PluginHost Host { get; }

    public ConcurrentQueue<string> Journal { get; } = new();

    public string StateDirectory => _directory.FullPath;

    public TestPlugin Add(TestPlugin plugin)
    {
        Host.Register(plugin);
        return plugin;
    }

    public TestPlugin Add(string name) => Add(new TestPlugin(name, Journal));

    public IReadOnlyList<string> JournalOf(string step) =>
        [.. Journal.Where(e => e.EndsWith(":" + step, StringComparison.Ordinal)).Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)])];

    public async Task StartAsync()
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Short);
        await Host.StartAsync(cts.Token);
    }

    public async Task<JsonRpcResponse> CallAsync(string method)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Short);
        return await Methods.HandleAsync(new JsonRpcRequest(RequestId, method, null), NullPeer.Instance, cts.Token).AsTask().WaitAsync(TestTimeouts.Short);
    }

    public static ErrorInfo ReadError(JsonRpcResponse response) =>
        response.Error!.Data!.Value.Deserialize(ContractsJsonContext.Default.ErrorInfo)!;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Short);
        _directory.Dispose();
    }
}
