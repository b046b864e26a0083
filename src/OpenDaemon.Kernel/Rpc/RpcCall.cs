using System.Text.Json;
using OpenDaemon.Hosting.Ipc;

namespace OpenDaemon.Kernel.Rpc;

/// <summary>One incoming RPC call as a method handler sees it.</summary>
/// <param name="Method">The method name.</param>
/// <param name="Params">The raw <c>params</c> member, if any.</param>
/// <param name="Peer">The connection it came from, for pushing notifications or log streams.</param>
public sealed record RpcCall(string Method, JsonElement? Params, IIpcPeer Peer);
