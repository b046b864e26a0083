using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.DaemonControl;

/// <summary>
/// Runs <c>od-daemon validate|init</c> — the commands that need the configuration system, which
/// <c>od</c> does not link (it would slow every other command's start) — and reads its JSON answer.
/// The child inherits the working directory and environment; its stderr goes to ours.
/// </summary>
internal static class OfflineCommandRunner
{
    /// <exception cref="DaemonException">The command's own error, or DAEMON_START_FAILED when it could not run.</exception>
    public static async Task<T> RunAsync<T>(string command, IReadOnlyList<string> arguments, JsonTypeInfo<T> answerType, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(DaemonExecutablePath.Resolve())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        };
        startInfo.ArgumentList.Add(command);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var child = Process.Start(startInfo)
            ?? throw new DaemonException(ErrorCode.DaemonStartFailed, $"could not run {startInfo.FileName}", "check that od-daemon is installed next to od");
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        using var document = Parse(output)
            ?? throw new DaemonException(ErrorCode.UnknownError, $"od-daemon {command} answered no result (exit code {child.ExitCode})", "run it again, or report it");
        var answer = document.RootElement;
        if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("error", out _))
        {
            throw answer.Deserialize(ContractsJsonContext.Default.OfflineError)!.Error.ToException();
        }

        return answer.Deserialize(answerType)
            ?? throw new DaemonException(ErrorCode.UnknownError, $"od-daemon {command} answered null", null);
    }

    private static JsonDocument? Parse(string output)
    {
        try
        {
            return JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
