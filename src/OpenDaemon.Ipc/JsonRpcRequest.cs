using System.Text.Json;

namespace OpenDaemon.Ipc;

/// <summary>A JSON-RPC 2.0 request as received by a handler.</summary>
/// <param name="Id">The id as sent (a number or a string); <see langword="null"/> for a notification, which gets no response.</param>
/// <param name="Method">The method name, for example <c>process.list</c>.</param>
/// <param name="Params">The raw <c>params</c> object or array, or <see langword="null"/> when absent.</param>
public sealed record JsonRpcRequest(JsonElement? Id, string Method, JsonElement? Params);
