using System.Diagnostics;
using System.Globalization;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Environment;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Ipc;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Cli.Front;

/// <summary>
/// <c>od</c>: the front door of the CLI. A Native-AOT process pays at start for every type it links, and the whole
/// CLI (every command, System.CommandLine, the contracts' JSON, the dashboard) took three times as long to start
/// as a "hello world" — the price of every <c>od ping</c> and <c>od ls --json</c> a script or a monitoring probe
/// runs every few seconds. So this small executable answers exactly those two itself, printing what od-cli prints,
/// and execs <c>od-cli</c> (same arguments, pid and streams) for everything else and for every case it does not
/// handle plainly: a token challenge, an error answer, a daemon it could not start.
/// ping and ls are read-only, so od-cli asking the daemon again is harmless. Like od-cli, both start a daemon when
/// none runs (<see cref="DaemonStarter"/>): the first command on a machine is the one a user waits for longest.
/// </summary>
internal static class FrontDoor
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30); // OdClientOptions.RequestTimeout
    private const string StartedNote = "started the daemon";

    public static int Run(string[] args)
    {
        var command = QuickCommandParser.Parse(args);
        if (command is { } quick && TryAnswer(quick))
        {
            return 0;
        }

        return FullCli.Exec(args);
    }

    private static bool TryAnswer(QuickCommand command)
    {
        var environment = OdEnvironment.FromEnvironment();
        var socketPath = DaemonPaths.Resolve(ProductInfo.AppName, environment.HomeIsExplicit ? environment.Home : null, environment.SocketOverride).SocketPath;
        var method = command == QuickCommand.Ping ? RpcMethods.DaemonPing : RpcMethods.ProcessList;
        var clock = Stopwatch.StartNew();
        var result = OneShotCall.TryInvoke(socketPath, method, RequestTimeout, out var nothingListening);
        var started = nothingListening && DaemonStarter.TryStart(environment);
        if (started)
        {
            clock.Restart();
            result = OneShotCall.TryInvoke(socketPath, method, RequestTimeout, out _);
        }

        if (result is null)
        {
            return false;
        }

        var color = command == QuickCommand.Ping && WouldUseColor();
        if (started && command == QuickCommand.Ping)
        {
            Console.Error.WriteLine(Dim(StartedNote, color)); // od-cli's note (CliOutput.Note; none in --json mode)
        }

        // As od-cli prints them: ls --json the result as the daemon sent it; ping timed from before the connection
        // (od-cli times the call on an open one: the difference is the connect, tens of microseconds).
        byte[] output = command == QuickCommand.List
            ? [.. result, (byte)'\n']
            : System.Text.Encoding.UTF8.GetBytes($"pong {Dim(string.Create(CultureInfo.InvariantCulture, $"({clock.Elapsed.TotalMilliseconds:0.00} ms)"), color)}\n");
        try
        {
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(output);
        }
        catch (IOException)
        {
            // The reader went away (od ls --json | head): nothing left to tell anyone.
        }

        return true;
    }

    // As od-cli decides and paints (CliOutput.ShouldUseColor and Dim): colour when stdout is a terminal and NO_COLOR
    // is not set; never for --json.
    private static bool WouldUseColor() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) && !Console.IsOutputRedirected;

    private static string Dim(string text, bool color) => color ? $"\u001b[2m{text}\u001b[0m" : text;
}
