using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Rpc;

namespace OpenDaemon.Plugins.ProcessManager.Rpc;

/// <summary>Reads a method's parameters, answering INVALID_PARAMS with the expected shape when they are wrong.</summary>
internal static class RpcParameters
{
    public static T Read<T>(RpcCall call, JsonTypeInfo<T> typeInfo, string expected)
    {
        try
        {
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
