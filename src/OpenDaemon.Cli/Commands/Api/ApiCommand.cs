using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc;

namespace OpenDaemon.Cli.Commands.Api;

/// <summary>
/// <c>od api token [--rotate]</c>: prints the REST/WebSocket API's bearer token (creating it on first use) or
/// replaces it. Works on the file in <c>$OD_HOME</c> directly, with or without a running daemon; a running
/// daemon notices the new file at its next request.
/// </summary>
internal static class ApiCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var rotate = new Option<bool>("--rotate") { Description = "Replace the token: clients holding the old one get 401 from now on" };
        var token = new Command("token", "Print the API token (created on first use), or replace it with --rotate") { rotate };
        CommandActions.Set(token, globals, context =>
        {
            var file = new ApiTokenFile(context.ClientOptions.Environment.Home);
            var rotated = context.Parse.GetValue(rotate);
            string value;
            try
            {
                value = rotated ? file.Rotate() : file.ReadOrCreate();
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new DaemonException(ErrorCode.PermissionDenied, $"cannot use the API token file {file.Path}: {error.Message}", "check the permissions of OD_HOME", error);
            }

            context.Output.JsonResult(new ApiTokenOutput(value, ApiTokenFile.IdOf(value), file.Path, rotated), CliJsonContext.Default.ApiTokenOutput);
            context.Output.Line(value);
            if (rotated)
            {
                context.Output.Note($"rotated: clients with the old token now get 401 (token id {ApiTokenFile.IdOf(value)})");
            }

            return Task.FromResult(CliOutput.Success);
        });

        return new Command("api", "The REST/WebSocket API (docs/api.md)") { token };
    }
}
