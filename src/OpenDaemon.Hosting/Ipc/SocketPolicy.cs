using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.Logging;
using OpenDaemon.Hosting.RateLimiting;
using OpenDaemon.Ipc.Hashing;
using OpenDaemon.Ipc.Interop;
using OpenDaemon.Ipc.Paths;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Ipc;

// Overview: the server-wide half of the socket's access rules (spec §5.3); each IpcConnection asks it
// from its own read loop. Who gets challenged: every peer whose uid differs from the server's (kernel's
// word, SO_PEERCRED), and a peer whose uid is unknown when a token is required. Peers of the server's own
// uid are trusted already: they could read the token file and the server's home anyway. A challenged peer
// is sent {"method":"token"} when a token is required and {"method":"none"} otherwise — the latter so
// that a client of another uid always knows whether to answer before it sends its first request.
// Thread-safety: the token is read per answer (no cache, so a rotation counts at once); the rate limit's
// buckets and the log throttle are thread-safe; nothing else here changes after construction.

/// <summary>The socket's authentication and rate-limit rules, shared by every connection of a server.</summary>
internal sealed class SocketPolicy
{
    public const string TokenMethod = "token";
    public const string NoneMethod = "none";
    private static readonly TimeSpan LogPeriod = TimeSpan.FromSeconds(10);

    private readonly IpcServerOptions _options;
    private readonly ILogger _logger;
    private readonly uint? _serverUid;
    private readonly TokenBuckets? _buckets;
    private readonly ThrottledCount _rateLimited;

    public SocketPolicy(IpcServerOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _serverUid = options.TrustedUid ?? (PlatformInfo.IsUnix ? PosixFiles.GetEffectiveUid() : null);
        _buckets = options.RateLimit is { } limit ? new TokenBuckets(limit.RequestsPerSecond, limit.Burst, options.TimeProvider) : null;
        _rateLimited = new ThrottledCount(options.TimeProvider, LogPeriod);
    }

    /// <summary>The challenge's method for this peer ("token" or "none"), or null when it is not challenged.</summary>
    public string? ChallengeFor(CallerIdentity caller)
    {
        var tokenRequired = _options.RequiredToken is not null;
        if (caller.Uid is { } uid && _serverUid is { } self)
        {
            return uid == self ? null : tokenRequired ? TokenMethod : NoneMethod;
        }

        return tokenRequired ? TokenMethod : null;
    }

    /// <summary>Checks an auth-response payload <c>{"token":"…"}</c> against the current token; reports the attempt.</summary>
    /// <returns>Null when it matches; otherwise the error to answer with before closing.</returns>
    public JsonRpcError? Authenticate(CallerIdentity caller, long connectionId, ReadOnlySequence<byte> payload)
    {
        var presented = ReadToken(payload);
        string? reason = presented is null ? "the auth response carries no token" : null;
        string? expected = null;
        if (reason is null)
        {
            expected = CurrentToken();
            reason = expected is null ? "the daemon has no token to compare with" : Matches(presented!, expected) ? null : "the token is wrong";
        }

        Report(new IpcAuthenticationAttempt(caller, reason is null, reason is null ? ApiTokenFile.IdOf(expected!) : null, reason));
        if (reason is null)
        {
            IpcLog.Authenticated(_logger, connectionId, caller.Pid, caller.Uid);
            return null;
        }

        IpcLog.AuthenticationFailed(_logger, connectionId, caller.Pid, caller.Uid, reason);
        return IpcErrors.Create(
            IpcErrors.Unauthorized,
            $"the daemon refused the connection: {reason}",
            "set OD_TOKEN to the daemon's token (its owner prints it with 'od api token')");
    }

    /// <summary>The error for a request sent before the challenge was answered.</summary>
    public JsonRpcError NotAuthenticated(CallerIdentity caller, long connectionId)
    {
        const string reason = "a request arrived before the token challenge was answered";
        Report(new IpcAuthenticationAttempt(caller, false, null, reason));
        IpcLog.AuthenticationFailed(_logger, connectionId, caller.Pid, caller.Uid, reason);
        return IpcErrors.Create(
            IpcErrors.Unauthorized,
            $"the daemon requires a token before any request: {reason}",
            "answer the auth challenge (frame 0x06) with an auth response (frame 0x07) carrying OD_TOKEN");
    }

    /// <summary>Takes one request from the caller's bucket; null when it may run, else the error to answer with.</summary>
    public JsonRpcError? Admit(CallerIdentity caller, long connectionId, string method)
    {
        if (_buckets is null)
        {
            return null;
        }

        var client = caller.Uid is { } uid
            ? "uid:" + uid.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "connection:" + connectionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_buckets.TryAcquire(client, out var retryAfter))
        {
            return null;
        }

        if (_rateLimited.Record(out var count))
        {
            IpcLog.RateLimited(_logger, count, LogPeriod.TotalSeconds, caller.Uid, method);
        }

        return IpcErrors.Create(
            IpcErrors.RateLimited,
            $"too many requests: this user may send {_buckets.RequestsPerSecond} per second (bursts of {_buckets.Burst}); retry in {retryAfter.TotalSeconds:0.###} s",
            "slow down, or raise daemon.socketRateLimit in the daemon's configuration",
            retryAfter);
    }

    public static byte[] ChallengePayload(string method) => Encoding.UTF8.GetBytes($"{{\"method\":\"{method}\"}}");

    public static byte[] AcceptedPayload() => Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":{\"authenticated\":true}}");

    private string? CurrentToken()
    {
        try
        {
            var token = _options.RequiredToken!();
            return string.IsNullOrEmpty(token) ? null : token;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            IpcLog.TokenUnavailable(_logger, error);
            return null;
        }
    }

    // Hashing first gives both sides the same length, so the comparison's time says nothing about either.
    private static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            Sha256.HashData(Encoding.UTF8.GetBytes(presented)),
            Sha256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static string? ReadToken(ReadOnlySequence<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("token", out var token)
                && token.ValueKind == JsonValueKind.String
                && token.GetString() is { Length: > 0 } text
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Report(IpcAuthenticationAttempt attempt)
    {
        try
        {
            _options.AuthenticationObserver?.Invoke(attempt);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            IpcLog.ObserverFailed(_logger, error);
        }
    }
}
