using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;
using OpenDaemon.Ipc.Interop;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>
/// The socket's token challenge (frames 0x06/0x07) and per-user rate limit, over real sockets. The server is
/// told to trust a uid other than the test's, so the test's own connections are "another user".
/// </summary>
public sealed class IpcSocketSecurityTests : IAsyncLifetime
{
    private const string Request = """{"jsonrpc":"2.0","id":1,"method":"echo","params":{"x":1}}""";
    private readonly IpcTestEnvironment _env = new();
    private readonly List<IpcAuthenticationAttempt> _attempts = [];
    private string? _token = "od_right";

    public Task InitializeAsync() => Task.CompletedTask;

    // xunit 2 disposes a test class through IAsyncLifetime only; IAsyncDisposable alone is never called.
    public Task DisposeAsync() => _env.DisposeAsync().AsTask();

    [Fact]
    public async Task Connect_TokenRequired_ServerChallengesFirst()
    {
        await StartAsync(tokenRequired: true);
        using var socket = await _env.ConnectRawAsync();

        var challenge = await RawSocket.ReadFrameAsync(socket);

        Assert.Equal(FrameType.AuthChallenge, challenge!.Type);
        Assert.Equal("token", challenge.Json().GetProperty("method").GetString());
    }

    [Fact]
    public async Task AuthResponse_RightToken_RequestsAreServed()
    {
        await StartAsync(tokenRequired: true);
        using var socket = await _env.ConnectRawAsync();
        await RawSocket.ReadFrameAsync(socket);

        await RawSocket.SendAsync(socket, RawSocket.Frame(FrameType.AuthResponse, """{"token":"od_right"}"""));
        var accepted = await RawSocket.ReadFrameAsync(socket);
        await RawSocket.SendAsync(socket, RawSocket.Frame(FrameType.Request, Request));
        var answer = await RawSocket.ReadFrameAsync(socket);

        Assert.True(accepted!.Json().GetProperty("result").GetProperty("authenticated").GetBoolean());
        Assert.Equal(1, answer!.Json().GetProperty("result").GetProperty("x").GetInt32());
        var attempt = Assert.Single(_attempts);
        Assert.True(attempt.Succeeded);
        Assert.Equal(ApiTokenFile.IdOf("od_right"), attempt.TokenId);
    }

    [Theory]
    [InlineData("""{"token":"od_wrong"}""")]
    [InlineData("""{}""")]
    [InlineData("""not json""")]
    public async Task AuthResponse_WrongOrMissingToken_RefusedWithUnauthorizedAndClosed(string payload)
    {
        await StartAsync(tokenRequired: true);
        using var socket = await _env.ConnectRawAsync();
        await RawSocket.ReadFrameAsync(socket);

        await RawSocket.SendAsync(socket, RawSocket.Frame(FrameType.AuthResponse, payload));
        var frames = await RawSocket.ReadUntilClosedAsync(socket);

        AssertUnauthorized(Assert.Single(frames));
        Assert.False(Assert.Single(_attempts).Succeeded);
    }

    [Fact]
    public async Task Request_BeforeAuthResponse_RefusedWithUnauthorizedAndNotServed()
    {
        var served = 0;
        await StartAsync(tokenRequired: true, handler: new DelegateHandler((request, _, _) =>
        {
            Interlocked.Increment(ref served);
            return ValueTask.FromResult(JsonRpcResponse.Success(request.Id, request.Params!.Value));
        }));
        using var socket = await _env.ConnectRawAsync();
        await RawSocket.ReadFrameAsync(socket);

        await RawSocket.SendAsync(socket, RawSocket.Frame(FrameType.Request, Request));
        var frames = await RawSocket.ReadUntilClosedAsync(socket);

        AssertUnauthorized(Assert.Single(frames));
        Assert.Equal(0, Volatile.Read(ref served));
    }

    [Fact]
    public async Task AuthResponse_AfterRotation_OldTokenRefusedNewAccepted()
    {
        await StartAsync(tokenRequired: true);
        _token = "od_rotated";

        using var old = await _env.ConnectRawAsync();
        await RawSocket.ReadFrameAsync(old);
        await RawSocket.SendAsync(old, RawSocket.Frame(FrameType.AuthResponse, """{"token":"od_right"}"""));
        AssertUnauthorized(Assert.Single(await RawSocket.ReadUntilClosedAsync(old)));

        using var fresh = await _env.ConnectRawAsync();
        await RawSocket.ReadFrameAsync(fresh);
        await RawSocket.SendAsync(fresh, RawSocket.Frame(FrameType.AuthResponse, """{"token":"od_rotated"}"""));
        Assert.True((await RawSocket.ReadFrameAsync(fresh))!.Json().GetProperty("result").GetProperty("authenticated").GetBoolean());
    }

    [Fact]
    public async Task Connect_NoTokenRequired_OtherUserGetsNoneChallengeAndIsServed()
    {
        await StartAsync(tokenRequired: false);
        using var socket = await _env.ConnectRawAsync();

        var challenge = await RawSocket.ReadFrameAsync(socket);
        await RawSocket.SendAsync(socket, RawSocket.Frame(FrameType.Request, Request));
        var answer = await RawSocket.ReadFrameAsync(socket);

        Assert.Equal("none", challenge!.Json().GetProperty("method").GetString());
        Assert.Equal(1, answer!.Json().GetProperty("result").GetProperty("x").GetInt32());
    }

    [Fact]
    public async Task Connect_SameUidAsServer_NotChallenged()
    {
        await StartAsync(tokenRequired: true, trustedUid: PosixFiles.GetEffectiveUid());
        await using var client = await _env.ConnectAsync();

        var response = await client.RequestAsync("echo", JsonDocument.Parse("""{"x":2}""").RootElement, TestTimeouts.Await, CancellationToken.None);

        Assert.Equal(2, response.Result!.Value.GetProperty("x").GetInt32());
        Assert.Empty(_attempts);
    }

    [Fact]
    public async Task Request_OverRateLimit_RateLimitedWithRetryAfterAndConnectionLives()
    {
        var time = new FakeTimeProvider();
        await StartAsync(tokenRequired: false, trustedUid: PosixFiles.GetEffectiveUid(), rateLimit: new IpcRateLimit(2, 2), time: time);
        await using var client = await _env.ConnectAsync();
        var parameters = JsonDocument.Parse("""{"x":3}""").RootElement;

        var first = await client.RequestAsync("echo", parameters, TestTimeouts.Await, CancellationToken.None);
        var second = await client.RequestAsync("echo", parameters, TestTimeouts.Await, CancellationToken.None);
        var third = await client.RequestAsync("echo", parameters, TestTimeouts.Await, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(500));
        var afterWait = await client.RequestAsync("echo", parameters, TestTimeouts.Await, CancellationToken.None);

        Assert.Null(first.Error);
        Assert.Null(second.Error);
        var data = third.Error!.Data!.Value;
        Assert.Equal("RATE_LIMITED", data.GetProperty("code").GetString());
        Assert.Equal(500, data.GetProperty("retryAfterMs").GetInt64());
        Assert.Null(afterWait.Error);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task ClientConnect_TrustedSharedDaemon_AnswersChallengeWithToken()
    {
        await StartAsync(tokenRequired: true);

        await using var client = await ConnectAsSharedClientAsync(() => "od_right");
        var response = await client.RequestAsync("echo", JsonDocument.Parse("""{"x":4}""").RootElement, TestTimeouts.Await, CancellationToken.None);

        Assert.Equal(4, response.Result!.Value.GetProperty("x").GetInt32());
        Assert.True(Assert.Single(_attempts).Succeeded);
    }

    [Fact]
    public async Task ClientConnect_NoToken_FailsSayingHowToSetOne()
    {
        await StartAsync(tokenRequired: true);

        var error = await Assert.ThrowsAsync<DaemonAuthenticationException>(() => ConnectAsSharedClientAsync(() => null));

        Assert.True(error.TokenMissing);
        Assert.Contains("OD_TOKEN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientConnect_WrongToken_FailsWithDaemonsReason()
    {
        await StartAsync(tokenRequired: true);

        var error = await Assert.ThrowsAsync<DaemonAuthenticationException>(() => ConnectAsSharedClientAsync(() => "od_wrong"));

        Assert.False(error.TokenMissing);
        Assert.Contains("token is wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientConnect_OtherUidNotTrusted_RefusedBeforeHandshake()
    {
        await StartAsync(tokenRequired: true);
        var self = PosixFiles.GetEffectiveUid();

        await Assert.ThrowsAsync<UntrustedPeerException>(() =>
            IpcClient.ConnectAsync(_env.SocketPath, TestTimeouts.Await, self + 1, CancellationToken.None, trustedPeerUid: null, tokenSource: () => "od_right").WaitAsync(TestTimeouts.Await));
        Assert.Empty(_attempts);
    }

    // The server believes the test is another user; the client is told the daemon is another user it trusts.
    private async Task<IpcClient> ConnectAsSharedClientAsync(Func<string?> token)
    {
        var self = PosixFiles.GetEffectiveUid();
        return await IpcClient.ConnectAsync(_env.SocketPath, TestTimeouts.Await, self + 1, CancellationToken.None, trustedPeerUid: self, tokenSource: token).WaitAsync(TestTimeouts.Await);
    }

    private static void AssertUnauthorized(RawFrame frame)
    {
        Assert.Equal(FrameType.Response, frame.Type);
        Assert.Equal("UNAUTHORIZED", frame.Json().GetProperty("error").GetProperty("data").GetProperty("code").GetString());
    }

    private Task<IpcServer> StartAsync(bool tokenRequired, uint? trustedUid = null, IpcRateLimit? rateLimit = null, TimeProvider? time = null, IJsonRpcHandler? handler = null) =>
        _env.StartServerAsync(
            new IpcServerOptions
            {
                SocketPath = _env.SocketPath,
                RequiredToken = tokenRequired ? () => _token : null,
                AuthenticationObserver = attempt => { lock (_attempts) { _attempts.Add(attempt); } },
                TrustedUid = trustedUid ?? PosixFiles.GetEffectiveUid() + 1,
                RateLimit = rateLimit,
                TimeProvider = time ?? TimeProvider.System,
                Logger = _env.Logger,
            },
            handler ?? DelegateHandler.Echo);
}
