using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Kernel.State;

namespace OpenDaemon.Kernel.Tests.Support;

/// <summary>
/// Lets this test assembly double as the child program for crash tests (same approach as
/// OpenDaemon.Hosting.Tests): started with <c>dotnet exec OpenDaemon.Kernel.Tests.dll</c> and
/// <see cref="ModeVariable"/> set, the module initializer runs the requested mode on a foreground
/// thread and exits. Inside the test host the variable is unset and this does nothing.
/// </summary>
internal static class ChildEntryPoint
{
    public const string ModeVariable = ChildProcess.ModeVariable;

    /// <summary>Mode "state-writer": arg statePath. Sets and flushes <see cref="StateRecord"/> n = 1, 2, ... forever, printing "wrote n" after each flush.</summary>
    public const string StateWriterMode = "state-writer";

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

        // Work on a foreground thread: see OpenDaemon.Hosting.Tests' ChildEntryPoint for why the
        // module initializer itself must return first.
        var worker = new Thread(() =>
        {
            int exitCode = mode switch
            {
                StateWriterMode => RunStateWriterAsync(args[0]).GetAwaiter().GetResult(),
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

    private static async Task<int> RunStateWriterAsync(string statePath)
    {
        var store = new JsonFileStateStore(statePath, NullLogger.Instance, TimeProvider.System, Timeout.InfiniteTimeSpan);
        for (int n = 1; ; n++)
        {
            store.Set("record", StateRecord.Create(n), TestJsonContext.Default.StateRecord);
            await store.FlushAsync(CancellationToken.None);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {n}"));
            Console.Out.Flush();
        }
    }
}
