using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Client;

namespace OpenDaemon.Cli.Commands;

/// <summary>What a command's action works with.</summary>
internal sealed record CliContext(ParseResult Parse, CliOutput Output, OdClientOptions ClientOptions, CancellationToken Cancellation);
