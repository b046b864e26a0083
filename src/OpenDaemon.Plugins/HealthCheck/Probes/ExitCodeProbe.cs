using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// Runs a program in its own session (posix_spawn, like the apps) and passes when it exits with 0.
/// At the timeout, or once it has exited, its whole process group gets SIGKILL, so a hung check or a
/// child it left in the background never outlives the check. No thread waits: the exit comes from the
/// reaper, the output is read asynchronously.
/// </summary>
internal sealed class ExitCodeProbe(Func<SpawnRequest> request, string what, TimeProvider time) : IHealthProbe
{
    /// <summary>How long the output may take to reach its end after the group was killed.</summary>
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(1);

    private static readonly int Kill = Signals.Parse("SIGKILL");

    public async ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        SpawnedProcess process;
        try
        {
            process = ProcessSpawner.Instance.Spawn(request());
        }
        catch (SpawnException error)
        {
            return ProbeResult.Fail(error.Message);
        }

        using (process)
        {
            var output = ProbeOutput.Start(process.StandardOutput, process.StandardError);
            ProcessExit exit;
            try
            {
                exit = await process.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The pid is still ours until it is reaped, and after that the group is empty or the
                // script's leftovers, never someone else's.
                Signals.SendToGroup(process.Pid, Kill);
            }

            await output.Completion.WaitAsync(OutputGrace, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (exit.ExitCode == 0)
            {
                return ProbeResult.Pass($"{what} exited with 0");
            }

            var said = output.LastLine();
            return ProbeResult.Fail(said is null ? $"{what}: {exit}" : $"{what}: {exit}: {said}");
        }
    }
}
