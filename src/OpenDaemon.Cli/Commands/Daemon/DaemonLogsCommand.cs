using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary><c>od daemon logs</c>: the last lines of the daemon's own log. Works when the daemon is down.</summary>
internal static class DaemonLogsCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var lines = new Option<int>("--lines", "-n") { Description = "How many of the last lines to show", DefaultValueFactory = _ => 50 };
        var command = new Command("logs", "Show the daemon's own log") { lines };
        CommandActions.Set(command, globals, context =>
        {
            var count = context.Parse.GetValue(lines);
            if (count < 0)
            {
                throw new DaemonException(ErrorCode.InvalidParams, $"--lines must be 0 or more, not {count}", "for example: od daemon logs --lines 100");
            }

            var path = context.ClientOptions.Environment.DaemonLogPath;
            var home = context.ClientOptions.Environment.Home;
            List<string> tail;
            try
            {
                if (!File.Exists(path))
                {
                    // File.Exists is also false when the home cannot be searched: tell that apart.
                    _ = Directory.Exists(home) ? Directory.EnumerateFileSystemEntries(home).Any() : false;
                    throw new DaemonException(ErrorCode.ConfigNotFound, $"there is no daemon log at {path} yet", "start the daemon with 'od daemon start'");
                }

                tail = ReadLastLines(path, count);
            }
            catch (UnauthorizedAccessException error)
            {
                throw new DaemonException(
                    ErrorCode.HomeUnreadable,
                    $"cannot read {path}: this user has no access to it or to OD_HOME ({home})",
                    $"check the owner and mode of {home} ('ls -ld {home}'); run od as the user who owns it",
                    error);
            }

            context.Output.JsonResult(new DaemonLogsOutput(path, tail), CliJsonContext.Default.DaemonLogsOutput);
            foreach (var line in tail)
            {
                context.Output.Line(line);
            }

            return Task.FromResult(CliOutput.Success);
        });
        return command;
    }

    private static List<string> ReadLastLines(string path, int count)
    {
        var window = new Queue<string>(count + 1);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            window.Enqueue(line);
            if (window.Count > count)
            {
                window.Dequeue();
            }
        }

        return [.. window];
    }
}
