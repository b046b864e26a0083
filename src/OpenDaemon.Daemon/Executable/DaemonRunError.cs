using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Daemon.Executable;

/// <summary>A start failure in <c>--json</c> form: the same <c>{"error": {...}}</c> shape as every <c>od</c> error.</summary>
internal sealed record DaemonRunError(ErrorInfo Error);
