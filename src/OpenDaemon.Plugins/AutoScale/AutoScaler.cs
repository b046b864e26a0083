using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Contracts.Scaling;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.AutoScale;

/// <summary>
/// Scales the apps with <c>cluster.autoScale</c> from the metrics collector's passes: each pass, per app, the
/// rules' metrics are read (<see cref="ScaleMetricValues"/>), <see cref="AutoScalePolicy"/> decides, and a
/// decision becomes <c>od scale</c> through the process manager (instances that stay are untouched; the ones
/// removed are drained). Each decision is published as <c>autoscale:scaled</c> and kept for <c>od info</c>.
/// </summary>
/// <remarks>
/// Concurrency: <see cref="OnPass"/> runs on the collector's loop and only drops the snapshot into a channel of
/// one (a newer pass replaces one not yet read); one loop reads it and does all the work, so decisions and
/// scalings of one app never overlap and a slow scale-down never holds the collector. <see cref="List"/> runs
/// on RPC threads and reads the states under <c>_gate</c>, which the loop also holds while it changes them.
/// </remarks>
internal sealed class AutoScaler : IAsyncDisposable
{
    /// <summary>The event each decision is published as.</summary>
    public const string Topic = "autoscale:scaled";

    private readonly IProcessManager _manager;
    private readonly IEventBus _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<MetricSnapshot> _passes = Channel.CreateBounded<MetricSnapshot>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AppScaleState> _apps = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public AutoScaler(IProcessManager manager, IEventBus events, TimeProvider time, ILogger logger)
    {
        _manager = manager;
        _events = events;
        _time = time;
        _logger = logger;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Why no app can be scaled at all (the metrics collector is disabled), or null.</summary>
    public string? Unavailable { get; init; }

    /// <summary>A metrics pass: read by the loop, never here.</summary>
    public void OnPass(MetricSnapshot snapshot) => _passes.Writer.TryWrite(snapshot);

    /// <summary>Every autoscaled app (or those named) with its rules' figures and last decisions.</summary>
    public AutoScaleList List(IReadOnlySet<string>? names)
    {
        var apps = AutoScaledApps().Where(app => names is null || names.Count == 0 || names.Contains(app.Config.Name));
        lock (_gate)
        {
            return new AutoScaleList([.. apps.OrderBy(app => app.Config.Name, StringComparer.Ordinal).Select(app => Status(app.Config, app.Count))]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _passes.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in _passes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await EvaluateAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The daemon stops.
        }
    }

    private async Task EvaluateAsync(MetricSnapshot snapshot, CancellationToken cancellationToken)
    {
        var apps = AutoScaledApps();
        var now = _time.GetUtcNow();
        var decisions = new List<(ProcessConfig Config, int From, int To, string Reason)>();
        lock (_gate)
        {
            foreach (var gone in _apps.Keys.Except(apps.Select(app => app.Config.Name)).ToList())
            {
                _apps.Remove(gone);
            }

            foreach (var (config, count) in apps)
            {
                var state = State(config.Name);
                if (Decide(config, count, state, snapshot, now) is { } decision)
                {
                    decisions.Add((config, count, decision.To, decision.Reason));
                }
            }
        }

        foreach (var (config, from, to, reason) in decisions)
        {
            await ScaleAsync(config.Name, from, to, reason, now, cancellationToken).ConfigureAwait(false);
        }
    }

    private (int To, string Reason)? Decide(ProcessConfig config, int count, AppScaleState state, MetricSnapshot snapshot, DateTimeOffset now)
    {
        var auto = config.Cluster!.AutoScale!;
        var online = snapshot.Processes.Where(row => row.Name == config.Name && row.Status == ProcessState.Online).ToList();
        var up = auto.ScaleUp is { } upRule ? ScaleMetricValues.Read(upRule, online, config.MaxMemory, snapshot.System) : null;
        var down = auto.ScaleDown is { } downRule ? ScaleMetricValues.Read(downRule, online, config.MaxMemory, snapshot.System) : null;
        state.Waiting = Unavailable
            ?? (!auto.Enabled ? "disabled (enabled: false)" : null)
            ?? (online.Count == 0 ? "no instance is online" : null)
            ?? (auto.ScaleUp is { } u && up is null ? ScaleMetricValues.Missing(u) : null)
            ?? (auto.ScaleDown is { } d && down is null ? ScaleMetricValues.Missing(d) : null);
        var decision = AutoScalePolicy.Decide(auto, count, state, up, down, now);
        return auto.Enabled && online.Count > 0 ? decision : null;
    }

    private async Task ScaleAsync(string name, int from, int to, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            await _manager.ScaleAsync(new ProcessScaleParams { Target = name, Instances = to.ToString(CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        }
        catch (DaemonException busy) when (busy.Code == ErrorCode.OperationInProgress)
        {
            // A reload or an od scale of the app runs: decided again at the next pass, once it is done.
            lock (_gate)
            {
                State(name).Waiting = $"waiting: {busy.Message}";
            }

            return;
        }
        catch (DaemonException failed)
        {
            error = failed.Message;
        }

        var decision = new AutoScaleDecision { Name = name, At = at, From = from, To = to, Reason = reason, Error = error };
        lock (_gate)
        {
            State(name).Scaled(decision);
        }

        if (error is null)
        {
            _logger.LogInformation("autoscale: {App} scaled from {From} to {To} instances ({Reason})", name, from, to, reason);
        }
        else
        {
            _logger.LogWarning("autoscale: {App} could not scale from {From} to {To} instances ({Reason}): {Error}", name, from, to, reason, error);
        }

        _events.Publish(Topic, decision, ContractsJsonContext.Default.AutoScaleDecision);
    }

    private List<(ProcessConfig Config, int Count)> AutoScaledApps()
    {
        IReadOnlyList<ManagedInstance> instances;
        try
        {
            instances = _manager.Resolve(["all"]);
        }
        catch (DaemonException)
        {
            return []; // no app at all
        }

        return [.. instances
            .Where(instance => instance.Config.Cluster?.AutoScale is not null)
            .GroupBy(instance => instance.Name, StringComparer.Ordinal)
            .Select(app => (app.First().Config, app.Count()))];
    }

    private AppScaleState State(string name)
    {
        if (!_apps.TryGetValue(name, out var state))
        {
            state = new AppScaleState();
            _apps[name] = state;
        }

        return state;
    }

    private AutoScaledApp Status(ProcessConfig config, int count)
    {
        var auto = config.Cluster!.AutoScale!;
        var state = _apps.GetValueOrDefault(config.Name);
        return new AutoScaledApp
        {
            Name = config.Name,
            Enabled = auto.Enabled,
            Min = auto.Min,
            Max = auto.Max,
            Instances = count,
            ScaleUp = Rule(auto.ScaleUp, state?.UpValue, state?.UpSince),
            ScaleDown = Rule(auto.ScaleDown, state?.DownValue, state?.DownSince),
            Waiting = state is null ? Unavailable ?? "waiting for the first metrics pass" : state.Waiting,
            Decisions = state?.Decisions ?? [],
        };
    }

    private static AutoScaleRuleState? Rule(ScaleRule? rule, double? value, DateTimeOffset? since) => rule is null ? null : new AutoScaleRuleState
    {
        Metric = AutoScalePolicy.MetricName(rule),
        Threshold = rule.Threshold,
        DurationMs = (long)rule.Duration.TotalMilliseconds,
        Value = value,
        PastThresholdSince = since,
    };
}
