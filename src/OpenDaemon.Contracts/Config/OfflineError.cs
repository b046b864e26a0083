using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Contracts.Config;

/// <summary>A failure of <c>od-daemon validate</c> or <c>init</c>: the <c>{"error": {...}}</c> shape of every <c>od</c> error.</summary>
/// <param name="Error">Code, sentence and hint.</param>
public sealed record OfflineError(ErrorInfo Error);
