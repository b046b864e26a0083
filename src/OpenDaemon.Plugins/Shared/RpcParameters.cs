using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Rpc;

namespace OpenDaemon.Plugins.Shared;

/// <summary>What every plugin's RPC methods share: typed parameters in, typed results out.</summary>
internal static class RpcParameters
{
    /// <summary>Registers a method whose result is serialized with <paramref name="resultType"/>.</summary>
    public static void Register<TResult>(IPluginContext context, string method, JsonTypeInfo<TResult> resultType, Func<RpcCall, CancellationToken, Task<TResult>> handler) =>
        context.RegisterMethod(method, async (call, cancellationToken) =>
            JsonSerializer.SerializeToElement(await handler(call, cancellationToken).ConfigureAwait(false), resultType));

    /// <summary>Reads a method's parameters, answering INVALID_PARAMS with the expected shape when they are wrong.</summary>
    public static T Read<T>(RpcCall call, JsonTypeInfo<T> typeInfo, string expected)
    {
        try
        {
            if (call.Params is null or { ValueKind: JsonValueKind.Null } && default(T) is null && typeInfo.CreateObject is { } create)
            {
                return (T)create();
            }

            if (call.Params is { ValueKind: JsonValueKind.Object } parameters && parameters.Deserialize(typeInfo) is { } value)
            {
                return value;
            }
        }
        catch (JsonException)
        {
            // Reported below like any other malformed parameter.
        }

        throw new DaemonException(ErrorCode.InvalidParams, $"{call.Method} expects {expected}", "see docs/cli.md for the parameters of each method");
    }
}
