using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Config;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Environment;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Daemon.Executable;

/// <summary>
/// The daemon executable's front door: <c>od-daemon run</c> hosts a daemon until SIGTERM/SIGINT or
/// <c>od daemon stop</c>. Users reach it through <c>od daemon run</c> (which execs it, keeping its
/// pid for systemd) and <c>od daemon start</c> (which spawns it with <c>--detached</c>). Failures
/// print as every <c>od</c> error does: one line with code, sentence and hint (or JSON).
/// </summary>
internal static class DaemonProgram
{
    private const int Success = 0;
    private const int Failure = 1;
    private const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await Console.Error.WriteLineAsync(
                $"usage: {DaemonExecutable.FileName} {DaemonExecutable.RunCommand} [--config FILE] [--resurrect] [--detached]\n" +
                "The OpenDaemon daemon; start it with 'od daemon start' or 'od daemon run'.").ConfigureAwait(false);
            return args.Length == 0 ? UsageError : Success;
        }

        if (args[0] is "--version" or "version")
        {
            await Console.Out.WriteLineAsync(ProductInfo.Version).ConfigureAwait(false);
            return Success;
        }

        var json = args.Contains("--json");
        try
        {
            switch (args[0])
            {
                case DaemonExecutable.RunCommand:
                    await HostAsync(DaemonCommandLine.Parse(args[1..]), args).ConfigureAwait(false);
                    return Success;
                case OfflineCommands.Validate:
                    json = true; // od renders it
                    return await OfflineCommands.ValidateAsync(args[1..]).ConfigureAwait(false);
                case OfflineCommands.Init:
                    json = true;
                    return await OfflineCommands.InitAsync(args[1..]).ConfigureAwait(false);
                default:
                    throw new DaemonException(ErrorCode.ConfigInvalid, $"unknown command '{args[0]}'", $"{DaemonExecutable.FileName} {DaemonExecutable.RunCommand}");
            }
        }
        catch (DaemonException error)
        {
            return Fail(error, json);
        }
        catch (Exception error)
        {
            return Fail(new DaemonException(ErrorCode.UnknownError, $"{error.GetType().Name}: {error.Message}", "read 'od daemon logs' and report it", error), json);
        }
    }

    private static async Task HostAsync(DaemonCommandLine commandLine, string[] args)
    {
        // Before the daemon's threads exist: without a cap glibc gives them up to 8 malloc arenas per
        // core, and the daemon's RSS rose with every burst of thread-pool threads (see NativeHeap).
        _ = NativeHeap.LimitArenas();
        if (commandLine.Detached)
        {
            ProcessDetacher.StartNewSession();
        }

        var options = new DaemonHostOptions
        {
            Environment = OdEnvironment.FromEnvironment(),
            LogToStandardError = !commandLine.Detached,
            ConfigPath = commandLine.ConfigPath,
            Resurrect = commandLine.Resurrect,
            ShimExecutable = Environment.ProcessPath,
            CommandLine = args,
        };
        var host = await DaemonHost.StartAsync(options, CancellationToken.None).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            if (commandLine.Detached)
            {
                // Tell the launcher (blocked reading our stderr) that we answer, then let go.
                await Console.Error.WriteLineAsync(DaemonExecutable.ReadyLine).ConfigureAwait(false);
                await Console.Error.FlushAsync().ConfigureAwait(false);
                ProcessDetacher.DetachStandardStreams();
            }

            await host.Stopped.ConfigureAwait(false);
        }
    }

    private static int Fail(DaemonException error, bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new OfflineError(error.ToErrorInfo()), ContractsJsonContext.Default.OfflineError));
        }
        else
        {
            var hint = error.Hint is null ? "" : $" — {error.Hint}";
            Console.Error.WriteLine($"{error.Code.ToWireName()}: {error.Message}{hint}");
        }

        return Failure;
    }
}
