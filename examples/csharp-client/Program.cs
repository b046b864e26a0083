// A tiny console app on the C# SDK: connects to the daemon of OD_HOME (or the default one), prints its
// version and process table and, given a script, starts it, follows three of its log lines, then stops and
// deletes it. Every failure is a DaemonException with the daemon's error code and a hint.
//
//   dotnet run --project examples/csharp-client                 # version and process table
//   dotnet run --project examples/csharp-client -- ./app.js     # start, follow, stop, delete
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Contracts.Processes;

const string AppName = "csharp-client-sample";

try
{
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    await using var od = await OdClient.ConnectAsync(cancellationToken: timeout.Token);
    var version = await od.GetVersionAsync(timeout.Token);
    Console.WriteLine($"connected to OpenDaemon {version.Version} at {od.SocketPath}");

    foreach (var process in (await od.ListAsync(timeout.Token)).Processes)
    {
        Console.WriteLine($"  {process.Id,3} {process.Name,-24} {process.Status,-8} pid {process.Pid?.ToString() ?? "-"}");
    }

    if (args.Length == 0)
    {
        return 0;
    }

    var started = await od.StartAsync(
        new ProcessStartParams { Target = Path.GetFullPath(args[0]), WorkingDirectory = Environment.CurrentDirectory, Name = AppName },
        timeout.Token);
    Console.WriteLine($"started {AppName}: pid {started.Processes[0].Pid}, {started.Processes[0].Status}");

    var lines = 0;
    await foreach (var entry in od.StreamLogsAsync(new LogStreamParams { Targets = [AppName] }, timeout.Token))
    {
        Console.WriteLine($"log {entry.Source}: {entry.Message}");
        if (++lines == 3)
        {
            break; // ends the stream on the daemon's side too
        }
    }

    var stopped = await od.StopAsync([AppName], timeout.Token);
    Console.WriteLine($"stopped {AppName}: {stopped.Processes[0].Status}");
    await od.DeleteAsync([AppName], timeout.Token);
    Console.WriteLine($"deleted {AppName}");
    return 0;
}
catch (DaemonException error)
{
    Console.Error.WriteLine($"error {error.Code.ToWireName()}: {error.Message}");
    if (error.Hint is { } hint)
    {
        Console.Error.WriteLine($"hint: {hint}");
    }

    return 1;
}
