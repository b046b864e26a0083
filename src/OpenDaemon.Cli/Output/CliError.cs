using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Output;

/// <summary>The shape of every failure under <c>--json</c>: <c>{"error":{"code","message","hint"}}</c>.</summary>
internal sealed record CliError(ErrorInfo Error);
