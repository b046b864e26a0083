using System.Text.Json;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Ipc;

/// <summary>
/// The errors the socket itself answers with, in the daemon's error shape: <c>data</c> carries
/// <c>{"code":"UNAUTHORIZED","message":"…","hint":"…"}</c> like every RPC failure (Contracts' ErrorInfo),
/// so clients show a code and a hint. The code names are the wire names of Contracts' ErrorCode, which
/// this toolkit does not reference; a test keeps them in step.
/// </summary>
internal static class IpcErrors
{
    public const string Unauthorized = "UNAUTHORIZED";
    public const string RateLimited = "RATE_LIMITED";

    public static JsonRpcError Create(string code, string message, string hint, TimeSpan? retryAfter = null)
    {
        using var buffer = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            writer.WriteString("hint", hint);
            if (retryAfter is { } wait)
            {
                writer.WriteNumber("retryAfterMs", (long)Math.Ceiling(wait.TotalMilliseconds));
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new JsonRpcError(JsonRpcError.ServerError, message, document.RootElement.Clone());
    }
}
