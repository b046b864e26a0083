using System.Text.Json;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>A frame as read off a raw socket.</summary>
internal sealed record RawFrame(FrameType Type, byte[] Payload)
{
    public JsonElement Json() => JsonDocument.Parse(Payload).RootElement.Clone();
}
