namespace OpenDaemon.Contracts.Config;

/// <summary><c>od init</c>'s answer (and its <c>--json</c> shape), produced by <c>od-daemon init</c>.</summary>
/// <param name="File">The configuration file written.</param>
/// <param name="Format">Its format.</param>
public sealed record InitResult(string File, string Format);
