using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Lifecycle;

/// <content>SIGTERM and SIGINT trigger a graceful stop.</content>
public sealed partial class DaemonLifecycle
{
    private PosixSignalRegistration[]? _signalRegistrations;

    /// <summary>
    /// Makes SIGTERM and SIGINT stop the daemon gracefully instead of terminating the process.
    /// SIGHUP is not handled here. Calling it again has no effect.
    /// </summary>
    /// <remarks>
    /// While the daemon is stopped the signal's default action is kept, so the process still exits.
    /// A signal during start stops the daemon as soon as it is running; a second signal during a stop
    /// joins that stop (the shutdown timeout bounds how long it takes).
    /// </remarks>
    public void HandleSignals()
    {
        lock (_gate)
        {
            if (_signalRegistrations is not null)
            {
                return;
            }

            _signalRegistrations =
            [
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
                PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            ];
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        bool stopNow;
        lock (_gate)
        {
            if (_state == DaemonState.Stopped)
            {
                return;
            }

            // Still starting: StartAsync stops the daemon as soon as it is running.
            stopNow = _state != DaemonState.Starting;
            _stopRequestedWhileStarting |= !stopNow;
        }

        context.Cancel = true;
        Log.SignalReceived(_logger, _options.Name, context.Signal);
        if (stopNow)
        {
            _ = StopAfterSignalAsync();
        }
    }

    // Owner of the signal-triggered stop: nobody awaits it, so it must log every failure itself.
    private async Task StopAfterSignalAsync()
    {
        try
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (DaemonLifecycleException ex) when (ex.Kind == DaemonErrorKind.NotRunning)
        {
            // Another stop finished first: nothing left to do.
        }
        catch (Exception ex)
        {
            Log.StopAfterSignalFailed(_logger, _options.Name, ex);
        }
    }

    private void DisposeSignalRegistrations()
    {
        PosixSignalRegistration[]? registrations;
        lock (_gate)
        {
            registrations = _signalRegistrations;
            _signalRegistrations = null;
        }

        foreach (PosixSignalRegistration registration in registrations ?? [])
        {
            registration.Dispose();
        }
    }
}
