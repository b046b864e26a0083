using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OpenDaemon.Plugins.Metrics.Collection;

namespace OpenDaemon.Plugins.Metrics.Export;

// Overview
//
// What every pushing exporter shares. The collector hands each pass to Publish, which only writes it
// into a channel of capacity 1 that drops the older frame: collection never waits for the network,
// and an exporter that is slow or down holds one frame, never a queue. The exporter's own loop takes
// the newest frame, skips it while its ExporterHealth is backing off (the next pass brings newer
// figures anyway), and pushes it; a failure is counted, logged once per episode and sets the backoff.

/// <summary>A frame slot and the loop that pushes it; see the overview in the source.</summary>
internal abstract partial class PushLoop : IMetricsSink
{
    private readonly Channel<MetricsFrame> _frames = Channel.CreateBounded<MetricsFrame>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
        SingleWriter = true,
    });

    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    protected PushLoop(ExporterHealth health, ILogger logger)
    {
        Health = health;
        _logger = logger;
    }

    public ExporterHealth Health { get; }

    protected CancellationToken Stopping => _stop.Token;

    public void Start() => _loop ??= Task.Run(LoopAsync);

    public void Publish(MetricsFrame frame) => _frames.Writer.TryWrite(frame);

    /// <summary>Sends one frame; throws on failure (any exception is counted).</summary>
    protected abstract Task PushAsync(MetricsFrame frame, CancellationToken cancellationToken);

    /// <summary>Whether this frame is due (OTLP pushes less often than the collector passes).</summary>
    protected virtual bool IsDue(MetricsFrame frame) => true;

    private async Task LoopAsync()
    {
        try
        {
            await foreach (var frame in _frames.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                if (!Health.MayPush() || !IsDue(frame))
                {
                    continue;
                }

                try
                {
                    await PushAsync(frame, _stop.Token).ConfigureAwait(false);
                    Health.Succeeded();
                }
                catch (Exception error) when (error is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    var first = Health.Status().LastError is null;
                    var delay = Health.Failed(error.Message);
                    if (first)
                    {
                        LogPushFailed(_logger, Health.Status().Name, Health.Status().Endpoint, error.Message, delay.TotalSeconds);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    [LoggerMessage(EventId = 1604, Level = LogLevel.Warning, Message = "metrics exporter {Exporter} cannot push to {Endpoint}: {Error}; retrying in {Seconds}s, with backoff")]
    private static partial void LogPushFailed(ILogger logger, string exporter, string endpoint, string error, double seconds);
}
