using System.Buffers;
using System.Text.Json;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Plugins.Audit.Writing;

/// <summary>
/// Removes secrets from parameters before they are written: every value under a member named like a
/// secret (<c>token</c>, <c>secret</c>, <c>password</c>, <c>passwd</c>, <c>credential</c>,
/// <c>authorization</c>, or containing <c>key</c>: <c>apiKey</c>, <c>private_key</c>) and every value
/// of an environment block (<c>env</c>, <c>setEnv</c>, <c>env_production</c>, ...) becomes
/// <c>"***"</c>; the member names stay, so the log says which variable was set, never to what.
/// For <c>process.set</c>, whose <c>key</c> is the variable's name, <c>key</c> stays and
/// <c>value</c> is hidden.
/// </summary>
internal static class AuditRedactor
{
    public const string Mask = "***";
    private static readonly string[] SecretWords = ["token", "secret", "password", "passwd", "credential", "authorization", "key"];

    public static JsonElement Redact(string action, JsonElement parameters)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, parameters, action == RpcMethods.ProcessSet ? Mode.ProcessSet : Mode.Normal);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public static bool IsSecretName(string name)
    {
        var lower = name.ToLowerInvariant();
        return SecretWords.Any(word => lower.Contains(word, StringComparison.Ordinal));
    }

    private static bool IsEnvironmentBlock(string name) =>
        name.Equals("env", StringComparison.OrdinalIgnoreCase)
        || name.Equals("setEnv", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("env_", StringComparison.OrdinalIgnoreCase);

    private static void Write(Utf8JsonWriter writer, JsonElement value, Mode mode)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (mode == Mode.Masked || Hidden(property.Name, mode))
                    {
                        WriteMasked(writer, property.Value);
                    }
                    else if (IsEnvironmentBlock(property.Name) && property.Value.ValueKind == JsonValueKind.Object)
                    {
                        Write(writer, property.Value, Mode.Masked);
                    }
                    else
                    {
                        Write(writer, property.Value, mode == Mode.ProcessSet ? Mode.Normal : mode);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item, mode == Mode.ProcessSet ? Mode.Normal : mode);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Null:
                writer.WriteNullValue();
                break;
            default:
                if (mode == Mode.Masked)
                {
                    writer.WriteStringValue(Mask);
                }
                else
                {
                    value.WriteTo(writer);
                }

                break;
        }
    }

    private static bool Hidden(string name, Mode mode) => mode == Mode.ProcessSet
        ? name.Equals("value", StringComparison.Ordinal) || (!name.Equals("key", StringComparison.Ordinal) && IsSecretName(name))
        : IsSecretName(name);

    // A secret member's value is masked whatever its shape; null stays null (nothing was given).
    private static void WriteMasked(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            writer.WriteNullValue();
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            Write(writer, value, Mode.Masked);
        }
        else
        {
            writer.WriteStringValue(Mask);
        }
    }

    private enum Mode
    {
        Normal,

        // Every scalar below is a secret (an environment block's values).
        Masked,

        // The top level of process.set's parameters.
        ProcessSet,
    }
}
