using System.Runtime.CompilerServices;
using OpenDaemon.Hosting.Lifecycle;
using OpenDaemon.Hosting.Locking;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Hosting.Tests.Support;

/// <summary>
/// Lets this test assembly double as the child program for multi-process tests: started with
/// <c>dotnet exec OpenDaemon.Hosting.Tests.dll</c> and <see cref="ModeVariable"/> set, the module
/// initializer runs the requested mode and exits before the (empty) generated Main. Inside the test
/// host the variable is unset and this does nothing. A separate helper project would need
/// solution changes; this keeps the children on exactly the code under test.
/// </summary>
internal static class ChildEntryPoint
{
    public const string ModeVariable = ChildProcess.ModeVariable;

    /// <summary>Mode "lock": args lockPath pidPath. Prints "ready", waits for "go", prints "won PID" or "lost OWNER|none", holds until stdin closes.</summary>
    public const string LockMode = "lock";

    /// <summary>Mode "lifecycle": args lockPath pidPath. Starts a DaemonLifecycle with HandleSignals, prints "running", then "handler" and "stopped" on SIGTERM.</summary>
    public const string LifecycleMode = "lifecycle";

    /// <summary>Mode "exec-shim": args are the shim's (after "__exec-shim"). Runs the real <see cref="ExecShim.Run"/>: becomes the target, or prints "od: ..." and exits 127.</summary>
    public const string ExecShimMode = "exec-shim";

#pragma warning disable CA2255 // Deliberate: the initializer is this assembly's child-process entry point.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        string? mode = Environment.GetEnvironmentVariable(ModeVariable);
        if (mode is null)
        {
            return;
        }

        string[] args = Environment.GetCommandLineArgs()[1..];

        // This runs inside the module's type initializer: any other thread that touches this
        // assembly's code (an async continuation, a shutdown handler) would wait for it to finish.
        // So the work runs on a foreground thread, which enters this assembly once the initializer has
        // returned; the empty generated Main then returns too, and the foreground thread keeps the
        // process alive until it calls Exit.
        var worker = new Thread(() =>
        {
            int exitCode = mode switch
            {
                LockMode => RunLock(args[0], args[1]),
                LifecycleMode => RunLifecycleAsync(args[0], args[1]).GetAwaiter().GetResult(),
                ExecShimMode => ExecShim.Run(args),
                _ => 64,
            };
            Environment.Exit(exitCode);
        })
        {
            IsBackground = false,
            Name = "test child",
        };
        worker.Start();
    }

    private static int RunLock(string lockPath, string pidPath)
    {
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        if (Console.In.ReadLine() != "go")
        {
            return 1;
        }

        PidLock? held = null;
        try
        {
            held = PidLock.Acquire(lockPath, pidPath);
            Console.Out.WriteLine($"won {held.Pid}");
        }
        catch (LockException ex)
        {
            Console.Out.WriteLine($"lost {ex.OwnerPid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }

        Console.Out.Flush();
        while (Console.In.ReadLine() is not null)
        {
        }

        held?.Dispose();
        return 0;
    }

    private static async Task<int> RunLifecycleAsync(string lockPath, string pidPath)
    {
        await using var daemon = new DaemonLifecycle(new DaemonLifecycleOptions { Name = "child", LockPath = lockPath, PidPath = pidPath });
        daemon.OnShutdown(_ =>
        {
            Console.Out.WriteLine("handler");
            Console.Out.Flush();
            return Task.CompletedTask;
        });
        daemon.HandleSignals();
        await daemon.StartAsync(CancellationToken.None);
        Task stopped = daemon.Stopped;
        Console.Out.WriteLine("running");
        Console.Out.Flush();
        await stopped.WaitAsync(TestTimeouts.Process);
        Console.Out.WriteLine("stopped");
        Console.Out.Flush();
        return 0;
    }
}
