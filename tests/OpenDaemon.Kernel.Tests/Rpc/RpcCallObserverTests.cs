using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Kernel.Tests.Support;

namespace OpenDaemon.Kernel.Tests.Rpc;

/// <summary>The seam the audit log hangs on: every completed call reaches the observers, and an observer can never fail a call.</summary>
public sealed class RpcCallObserverTests
{
    private static readonly JsonElement RequestId = JsonSerializer.SerializeToElement(1);
    private readonly RpcMethodRegistry _registry = new(NullLogger.Instance);

    public RpcCallObserverTests()
    {
        _registry.Register("daemon.ping", (_, _) => ValueTask.FromResult(new PingResult(true, DateTimeOffset.UnixEpoch)), () => ContractsJsonContext.Default.PingResult);
        _registry.Register("process.stop", (_, _) => throw new DaemonException(ErrorCode.ProcessNotFound, "no app 'web'"));
        _registry.Register("broken", (_, _) => throw new InvalidOperationException("boom"));
    }

    [Fact]
    public async Task HandleAsync_WithObserver_ReportsEachCallWithItsResultCodeAndParams()
    {
        var observer = new RecordingObserver();
        using var registration = _registry.AddObserver(observer);
        var parameters = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["target"] = "web" });

        await HandleAsync("daemon.ping");
        await HandleAsync("process.stop", parameters);
        await HandleAsync("broken");
        await HandleAsync("no.such");

        Assert.Equal(
            [("daemon.ping", (ErrorCode?)null), ("process.stop", ErrorCode.ProcessNotFound), ("broken", ErrorCode.UnknownError), ("no.such", ErrorCode.MethodNotFound)],
            observer.Outcomes.Select(outcome => (outcome.Call.Method, outcome.Error)));
        Assert.Equal("web", observer.Outcomes[1].Call.Params!.Value.GetProperty("target").GetString());
        Assert.All(observer.Outcomes, outcome => Assert.True(outcome.Duration >= TimeSpan.Zero));
        Assert.Same(NullPeer.Instance, observer.Outcomes[0].Call.Peer);
    }

    [Fact]
    public async Task HandleAsync_CancelledCall_IsReportedAsCancelled()
    {
        var observer = new RecordingObserver();
        using var registration = _registry.AddObserver(observer);
        _registry.Register("slow", async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return default(JsonElement);
        });
        using var cancel = new CancellationTokenSource();

        var call = _registry.HandleAsync(new JsonRpcRequest(RequestId, "slow", null), NullPeer.Instance, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        var outcome = Assert.Single(observer.Outcomes);
        Assert.True(outcome.Cancelled);
    }

    [Fact]
    public async Task HandleAsync_ObserverThrows_CallIsStillAnsweredAndOtherObserversStillTold()
    {
        var recording = new RecordingObserver();
        using var failing = _registry.AddObserver(new ThrowingObserver());
        using var registration = _registry.AddObserver(recording);

        var response = await HandleAsync("daemon.ping");

        Assert.Null(response.Error);
        Assert.True(response.Result!.Value.GetProperty("pong").GetBoolean());
        Assert.Single(recording.Outcomes);
    }

    [Fact]
    public async Task AddObserver_Disposed_IsNoLongerTold()
    {
        var observer = new RecordingObserver();
        var registration = _registry.AddObserver(observer);
        await HandleAsync("daemon.ping");

        registration.Dispose();
        registration.Dispose();
        await HandleAsync("daemon.ping");

        Assert.Single(observer.Outcomes);
    }

    private ValueTask<JsonRpcResponse> HandleAsync(string method, JsonElement? parameters = null) =>
        _registry.HandleAsync(new JsonRpcRequest(RequestId, method, parameters), NullPeer.Instance, CancellationToken.None);

    private sealed class RecordingObserver : IRpcCallObserver
    {
        public List<RpcCallOutcome> Outcomes { get; } = [];

        public void OnCallCompleted(in RpcCallOutcome outcome) => Outcomes.Add(outcome);
    }

    private sealed class ThrowingObserver : IRpcCallObserver
    {
        public void OnCallCompleted(in RpcCallOutcome outcome) => throw new InvalidOperationException("observer bug");
    }
}
