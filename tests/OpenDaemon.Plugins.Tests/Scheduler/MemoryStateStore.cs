using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenDaemon.Kernel.State;

namespace OpenDaemon.Plugins.Tests.Scheduler;

/// <summary>A plugin state store kept in memory as JSON (so what is stored must round-trip like the file store).</summary>
internal sealed class MemoryStateStore : IStateStore
{
    private readonly ConcurrentDictionary<string, JsonElement> _values = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Keys => [.. _values.Keys.Order(StringComparer.Ordinal)];

    public T? Get<T>(string key, JsonTypeInfo<T> typeInfo) => _values.TryGetValue(key, out var value) ? value.Deserialize(typeInfo) : default;

    public void Set<T>(string key, T value, JsonTypeInfo<T> typeInfo) => _values[key] = JsonSerializer.SerializeToElement(value, typeInfo);

    public bool Remove(string key) => _values.TryRemove(key, out _);

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
