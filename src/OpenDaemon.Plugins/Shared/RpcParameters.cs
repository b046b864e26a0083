using System.Text.Json.Serialization.Metadata;
using OpenDaemon.Ipc;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Rpc;

namespace OpenDaemon.Plugins.Shared;

/// <summary>What every plugin's RPC methods share: typed parameters in, typed results out.</summary>
internal static class RpcParameters
{
    /// <summary>
    /// Registers a method whose result is serialized with the metadata <paramref name="resultType"/> returns when an
    /// answer is written, not at registration (why: RpcMethodRegistry.Register).
    /// </summary>
    public static void Register<TResult>(IPluginContext context, string method, Func<JsonTypeInfo<TResult>> resultType, Func<RpcCall, CancellationToken, Task<TResult>> handler) =>
        context.RegisterMethod(method, async (call, cancellationToken) =>
            JsonRpcResult.From(await handler(call, cancellationToken).ConfigureAwait(false), resultType()));

    /// <summary>
    /// Reads a method's parameters; INVALID_PARAMS naming the parameter at fault (missing, null,
    /// wrong type), with <paramref name="example"/> as the hint.
    /// </summary>
    public static T Read<T>(RpcCall call, JsonTypeInfo<T> typeInfo, string example)
        where T : class =>
        RpcParameterReader.Read(call, typeInfo, example);
}
