using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>Deep-merges a plugin's user config over its defaults: objects merge key by key, anything else is replaced.</summary>
internal static class PluginConfigMerger
{
    public static JsonElement Merge(JsonElement? defaults, JsonElement? user)
    {
        if (user is null)
        {
            return (defaults ?? EmptyObject()).Clone();
        }

        if (defaults is null)
        {
            return user.Value.Clone();
        }

        var merged = MergeNodes(JsonNode.Parse(defaults.Value.GetRawText()), JsonNode.Parse(user.Value.GetRawText()));
        return JsonSerializer.SerializeToElement(merged, PluginConfigJsonContext.Default.JsonNode);
    }

    private static JsonNode? MergeNodes(JsonNode? baseNode, JsonNode? overlay)
    {
        if (baseNode is not JsonObject baseObject || overlay is not JsonObject overlayObject)
        {
            return overlay;
        }

        foreach (var (key, value) in overlayObject.ToList())
        {
            overlayObject.Remove(key);
            baseObject[key] = baseObject.TryGetPropertyValue(key, out var existing) ? MergeNodes(existing?.DeepClone(), value) : value;
        }

        return baseObject;
    }

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }
}
