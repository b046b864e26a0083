using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Cli.Commands.Logs;

/// <summary>"emptied 2 log files" and the files, dim; or the answer with <c>--json</c>.</summary>
internal static class LogFileListWriter
{
    public static void Write(CliOutput output, LogFlushResult result, string verb)
    {
        output.JsonResult(result, ContractsJsonContext.Default.LogFlushResult);
        output.Line($"{verb} {result.Files.Count} log file{(result.Files.Count == 1 ? "" : "s")}");
        foreach (var file in result.Files)
        {
            output.Line(output.Dim($"  {file}"));
        }
    }
}
