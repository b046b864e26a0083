using System.Globalization;
using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Rpc;

namespace OpenDaemon.Kernel.Resilience;

/// <summary>
/// One plugin's error boundary: every plugin callback, event handler, hook handler and RPC
/// method runs through it. A failure is logged, counted into the plugin's
/// <see cref="CircuitBreaker"/>, remembered as <see cref="LastError"/> and passed to the plugin's
/// <c>OnError</c> (itself guarded). Nothing a plugin throws escapes into the kernel.
/// </summary>
/// <remarks>
/// A <see cref="DaemonException"/> thrown by an RPC method is an expected answer ("no such app"),
/// not a fault: it reaches the caller unchanged and does not count. Cancellation requested by the
/// caller is not a fault either.
/// </remarks>
public sealed partial class PluginErrorBoundary
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action<DaemonException> _onError;
    private volatile FailureRecord? _last;

    internal PluginErrorBoundary(string pluginName, CircuitBreaker breaker, ILogger logger, TimeProvider timeProvider, Action<DaemonException> onError)
    {
        PluginName = pluginName;
        Breaker = breaker;
        _logger = logger;
        _time = timeProvider;
        _onError = onError;
    }

    /// <summary>The plugin this boundary guards.</summary>
    public string PluginName { get; }

    /// <summary>The plugin's breaker.</summary>
    public CircuitBreaker Breaker { get; }

    /// <summary>The most recent failure, or null.</summary>
    public DaemonException? LastError => _last?.Error;

    /// <summary>When <see cref="LastError"/> happened, or null.</summary>
    public DateTimeOffset? LastErrorAt => _last?.At;

    /// <summary>
    /// Records a failure of <paramref name="operation"/>: log, count, remember, tell the plugin.
    /// Returns the failure as the <see cref="DaemonException"/> the plugin's OnError saw.
    /// </summary>
    public DaemonException Report(Exception failure, string operation)
    {
        var error = failure as DaemonException ?? new DaemonException(
            ErrorCode.UnknownError,
            $"plugin {PluginName} failed in {operation}: {failure.Message}",
            $"od plugin info {PluginName}",
            failure);
        _last = new FailureRecord(error, _time.GetUtcNow());
        LogFailed(_logger, PluginName, operation, failure);
        if (Breaker.RecordFailure())
        {
            LogTripped(_logger, PluginName, Breaker.FailureCount, Breaker.RetryAt ?? _time.GetUtcNow());
        }

        try
        {
            _onError(error);
        }
#pragma warning disable CA1031 // The boundary must survive whatever OnError throws.
        catch (Exception onErrorFailure)
#pragma warning restore CA1031
        {
            LogOnErrorThrew(_logger, PluginName, onErrorFailure);
        }

        return error;
    }

    /// <summary>
    /// Runs a lifecycle callback. Not gated by the breaker (an operator's enable must be able to
    /// retry), but failures count. Returns false when it failed. Cancellation of
    /// <paramref name="cancellationToken"/> propagates.
    /// </summary>
    public async ValueTask<bool> RunAsync(string operation, Func<CancellationToken, ValueTask> callback, CancellationToken cancellationToken)
    {
        try
        {
            await callback(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Error boundary: every plugin failure is caught here by design.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            Report(failure, operation);
            return false;
        }
    }

    /// <summary>
    /// Runs a callback the breaker gates (event handler, hook, health check). Returns null when the
    /// breaker refused the call, otherwise whether it succeeded. Never throws except for
    /// cancellation of <paramref name="cancellationToken"/>.
    /// </summary>
    public async ValueTask<bool?> TryInvokeAsync(string operation, Func<CancellationToken, ValueTask> callback, CancellationToken cancellationToken)
    {
        if (!Breaker.TryAcquire())
        {
            return null;
        }

        try
        {
            await callback(cancellationToken).ConfigureAwait(false);
            Breaker.RecordSuccess();
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Breaker.RecordAbandoned();
            throw;
        }
#pragma warning disable CA1031 // Error boundary: every plugin failure is caught here by design.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            Report(failure, operation);
            return false;
        }
    }

    /// <summary>
    /// Wraps an RPC method: refused with a clear error while the breaker is open; an unexpected
    /// exception is reported and answered as <see cref="ErrorCode.UnknownError"/> naming the plugin.
    /// </summary>
    public RpcMethodHandler WrapMethod(RpcMethodHandler handler) => async (call, cancellationToken) =>
    {
        if (!Breaker.TryAcquire())
        {
            throw TrippedError();
        }

        try
        {
            var result = await handler(call, cancellationToken).ConfigureAwait(false);
            Breaker.RecordSuccess();
            return result;
        }
        catch (DaemonException)
        {
            Breaker.RecordSuccess();
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Breaker.RecordAbandoned();
            throw;
        }
        catch (Exception failure)
        {
            Report(failure, $"RPC method {call.Method}");
            throw new DaemonException(
                ErrorCode.UnknownError,
                $"{call.Method} failed inside plugin {PluginName}: {failure.Message}",
                "see the daemon log ('od daemon logs') for details",
                failure);
        }
    };

    /// <summary>The error a tripped plugin's methods answer with.</summary>
    public DaemonException TrippedError()
    {
        var retryAt = Breaker.RetryAt ?? _time.GetUtcNow();
        return new DaemonException(
            ErrorCode.UnknownError,
            $"plugin {PluginName} is tripped after {Breaker.FailureCount} failures; retrying at {retryAt.ToString("u", CultureInfo.InvariantCulture)}",
            $"od plugin info {PluginName}");
    }

    private sealed record FailureRecord(DaemonException Error, DateTimeOffset At);
}
