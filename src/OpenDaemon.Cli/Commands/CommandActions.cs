using System.CommandLine;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands;

/// <summary>
/// Wraps every command's action in the same error boundary: expected failures print one line with
/// code and hint, anything else is reported as a bug without a stack trace unless --verbose.
/// </summary>
internal static class CommandActions
{
    private const int InterruptedExitCode = 130;

    public static void Set(Command command, GlobalOptions globals, Func<CliContext, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = globals.CreateOutput(parse);
            try
            {
                return await action(new CliContext(parse, output, new OdClientOptions(), cancellationToken)).ConfigureAwait(false);
            }
            catch (DaemonException error)
            {
                return output.Fail(error);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return InterruptedExitCode;
            }
            catch (Exception error)
            {
                return output.FailUnexpected(error);
            }
        });
}
