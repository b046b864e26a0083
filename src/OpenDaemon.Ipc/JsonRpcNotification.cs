using System.Text.Json;

namespace OpenDaemon.Ipc;

/// <summary>A JSON-RPC 2.0 notification: a method call that is never answered (used for server pushes such as log lines and events).</summary>
/// <param name="Method">The notification name.</param>
/// <param name="Params">The raw <c>params</c> object or array, or <see langword="null"/> when absent.</param>
public sealed record JsonRpcNotification(string Method, JsonElement? Params);
