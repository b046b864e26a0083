using System.Runtime.InteropServices;
using System.Threading.Channels;
using OpenDaemon.Cli.Monit.Input;
using OpenDaemon.Cli.Monit.Render;
using OpenDaemon.Cli.Monit.Terminal;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Monit;

/// <summary>
/// A running <c>od monit</c>: the loop that owns the model, and the tasks that feed it.
/// </summary>
/// <remarks>
/// Overview. One loop (<see cref="RunAsync"/>) is the only reader of an unbounded channel of
/// <see cref="MonitInput"/> and the only code that replaces the model or writes to the terminal, so nothing
/// here takes a lock. Producers, each owned by this session and awaited (or abandoned, for the key thread)
/// when it ends:
/// - the key thread (<see cref="RawTerminal.StartReading"/>), posting parsed keys and Quit at the end of input;
/// - SIGTERM/SIGHUP/SIGINT handlers, posting Quit (the loop then restores the terminal itself);
/// - the 1 s ticker (uptimes advance; a resize shows at the next tick, or at once on SIGWINCH);
/// - <see cref="MonitFeed"/> (process table, metrics, connection state) and <see cref="MonitLogFollower"/>
///   (the logs pane; restarted when its scope changes);
/// - actions (restart, stop, ...) and detail fetches, which run as tasks and post their outcome.
/// After each batch of inputs the loop draws one frame, so a burst of log lines costs one redraw.
/// </remarks>
internal sealed class MonitSession
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(2);

    private readonly Channel<MonitInput> _inputs = Channel.CreateUnbounded<MonitInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _work = [];
    private readonly OdClientOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _color;
    private readonly MonitFeed _feed;
    private MonitModel _model;
    private CancellationTokenSource? _logStop;
    private Task _logs = Task.CompletedTask;
    private (bool Following, string? App) _logScope;
    private int _width;
    private int _height;

    public MonitSession(OdClientOptions options, TimeProvider time, bool color)
    {
        _options = options;
        _time = time;
        _color = color;
        _model = new MonitModel { Now = time.GetUtcNow() };
        _feed = new MonitFeed(options, Post, time);
    }

    public async Task RunAsync(RawTerminal terminal, OdClient first, CancellationToken cancellationToken)
    {
        using var cancelled = cancellationToken.Register(() => Post(new MonitInput.Quit()));
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnQuitSignal);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnQuitSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnQuitSignal);
        using var resize = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => Post(new MonitInput.Tick()));
        var feed = _feed.RunAsync(first, _stop.Token);
        var ticker = TickAsync(_stop.Token);
        RawTerminal.StartReading(
            bytes => KeyParser.Parse(bytes).ForEach(key => Post(new MonitInput.KeyPressed(key))),
            () => Post(new MonitInput.Quit()));
        var screen = new ScreenWriter(terminal);
        try
        {
            Draw(screen);
            while (await _inputs.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (_inputs.Reader.TryRead(out var input))
                {
                    if (!Apply(input))
                    {
                        return;
                    }
                }

                Draw(screen);
            }
        }
        finally
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await Ended(feed, ticker, _logs, Task.WhenAll(_work)).ConfigureAwait(false);
        }
    }

    private void OnQuitSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the loop quits and restores the terminal; the default action would leave it raw
        Post(new MonitInput.Quit());
    }

    private void Post(MonitInput input) => _inputs.Writer.TryWrite(input);

    private bool Apply(MonitInput input)
    {
        var before = _model.Selected?.Id;
        var follow = false;
        switch (input)
        {
            case MonitInput.Quit:
                return false;
            case MonitInput.KeyPressed(var key):
                var (model, action) = MonitKeys.Apply(_model, key, _width, _height);
                _model = model;
                if (action?.Kind == MonitActionKind.Quit)
                {
                    return false;
                }

                if (action?.Kind == MonitActionKind.SelectionChanged)
                {
                    follow = true; // the selection, or the logs pane's scope
                }
                else if (action is not null)
                {
                    Act(action);
                }

                break;
            case MonitInput.Changed(var update):
                _model = update(_model);
                break;
            case MonitInput.Tick:
                _model = _model with { Now = _time.GetUtcNow() };
                break;
            case MonitInput.Connected:
                _logScope = default; // follow again on the new daemon
                follow = true;
                break;
            case MonitInput.DetailDue:
                FetchDetail();
                break;
        }

        if (follow || _model.Selected?.Id != before)
        {
            FollowSelection();
        }

        return true;
    }

    private void Draw(ScreenWriter screen)
    {
        (_width, _height) = RawTerminal.Size();
        screen.Draw(MonitScreen.Render(_model, _width, _height, _color), _width, _height);
    }

    private void Act(MonitAction action)
    {
        if (_feed.Client is not { } client)
        {
            _model = MonitUpdates.WithMessage(_model, "not connected to the daemon: try again in a moment", error: true);
            return;
        }

        Run(async cancellationToken =>
        {
            var target = action.Target;
            var done = action.Kind switch
            {
                MonitActionKind.Restart => (await client.RestartAsync([target], cancellationToken).ConfigureAwait(false), "restarted"),
                MonitActionKind.Stop => (await client.StopAsync([target], cancellationToken).ConfigureAwait(false), "stopped"),
                MonitActionKind.Reload => (await client.ReloadAsync([target], cancellationToken: cancellationToken).ConfigureAwait(false), "reloaded"),
                MonitActionKind.ScaleUp => (await client.ScaleAsync(target, "+1", cancellationToken).ConfigureAwait(false), "scaled up"),
                MonitActionKind.ScaleDown => (await client.ScaleAsync(target, "-1", cancellationToken).ConfigureAwait(false), "scaled down"),
                MonitActionKind.Delete => (await client.DeleteAsync([target], cancellationToken).ConfigureAwait(false), "deleted"),
                _ => throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "not an action for the daemon"),
            };
            var names = string.Join(", ", done.Item1.Processes.Select(process => process.Name).Distinct(StringComparer.Ordinal));
            Post(new MonitInput.Changed(model => MonitUpdates.WithMessage(model, $"{done.Item2} {(names.Length == 0 ? target : names)}", error: false)));
        });
    }

    // The selection changed (or the logs pane's scope, or the connection): details and logs follow it.
    private void FollowSelection()
    {
        FetchDetail();
        var scope = (true, _model.LogPane.AllApps ? null : _model.Selected?.Name);
        if (scope == _logScope)
        {
            return;
        }

        _logScope = scope;
        _logStop?.Cancel();
        _logStop?.Dispose();
        _logStop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var previous = _logs;
        var token = _logStop.Token;
        _model = MonitUpdates.WithLogs(_model, []);
        _logs = FollowAfterAsync(previous, scope.Item2, token);
    }

    private async Task FollowAfterAsync(Task previous, string? app, CancellationToken cancellationToken)
    {
        await Ended(previous).ConfigureAwait(false);
        try
        {
            await MonitLogFollower.RunAsync(_options, app, Post, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Another scope took over, or the dashboard quit.
        }
    }

    private void FetchDetail()
    {
        if (_model.Selected is not { } selected || _feed.Client is not { } client)
        {
            return;
        }

        var id = selected.Id;
        Run(async cancellationToken =>
        {
            var details = await client.InfoAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            var detail = details.Processes.FirstOrDefault(process => process.Summary.Id == id);
            Post(new MonitInput.Changed(model => MonitUpdates.WithDetail(model, detail)));
        });
    }

    // Work that talks to the daemon off the loop: its failure becomes the message line, never a crash.
    private void Run(Func<CancellationToken, Task> work)
    {
        _work.RemoveAll(task => task.IsCompleted);
        _work.Add(Task.Run(async () =>
        {
            try
            {
                await work(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Quitting.
            }
            catch (DaemonException error)
            {
                Post(new MonitInput.Changed(model => MonitUpdates.WithMessage(model, $"{error.Code.ToWireName()}: {error.Message}", error: true)));
            }
            catch (Exception error) when (!_stop.IsCancellationRequested)
            {
                Post(new MonitInput.Changed(model => MonitUpdates.WithMessage(model, $"{error.GetType().Name}: {error.Message}", error: true)));
            }
        }));
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TickInterval, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            Post(new MonitInput.Tick());
        }
    }

    // Waits a little for tasks that were told to stop; a daemon call that does not return in time is left behind.
    // Their failures were shown on the message line while the dashboard ran; after a quit there is nowhere to show them.
    private static async Task Ended(params Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks).WaitAsync(ShutdownWait).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled by the quit, timed out, or the daemon went away meanwhile.
        }
    }
}
